# The Python twin of overlap.js (OverlapTest): a method that calls back its caller.
import polyglot


class Overlap:
    def __init__(self):
        self.count = 0

    def viaCallback(self, cb, tag):
        self.count += 1
        return tag + ':' + cb(tag)

    def echo(self, x):
        self.count += 1
        return x

    def served(self):
        return self.count


polyglot.export_value('overlap', Overlap())
