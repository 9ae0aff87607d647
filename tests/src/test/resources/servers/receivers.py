# Fixtures of ReceiverAndKindTest for Python clients: bound methods of two instances of one class.
import polyglot

class Dog:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + ' barks'

polyglot.export_value('dog', Dog('Rex'))
polyglot.export_value('mutt', Dog('Mutt'))


def parse(text):
    if not text.isdigit():
        raise ValueError('not a number', text)
    return int(text)

def lookup(key):
    return {'a': 1}[key]

polyglot.export_value('parse', parse)
polyglot.export_value('lookup', lookup)


def kind(x):
    return type(x).__name__

polyglot.export_value('triple', (1, 2, 3))
polyglot.export_value('kind', kind)
polyglot.export_value('make_triple', lambda: (1, 2, 3))


# Keyword arguments (KeywordArgumentsTest).
def scaled(a, b=2, *, scale=1):
    return (a + b) * scale

class Walker:
    def __init__(self, name):
        self.name = name

    def fetch(self, what, times=1):
        return self.name + ' fetches ' + what + ' x' + str(times)

polyglot.export_value(name='scaled', value=scaled)
polyglot.export_value(name='walker', value=Walker('Rex'))
polyglot.export_value(name='kwargs_of', value=lambda **kw: sorted(kw.items()))
