# Fixtures of CodeExecutionTest: a generator and a function, from which an attacker walks towards the interpreter.
import polyglot


def count():
    yield 1
    yield 2


polyglot.export_value('gen', count())
polyglot.export_value('make_gen', count)
polyglot.export_value('echo', lambda x: x)
