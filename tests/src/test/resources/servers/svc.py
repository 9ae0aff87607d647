# The Python server object of the cross-language tests. Runs under `yonder serve svc.py` in its own process.
import polyglot


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y


class Svc:
    def __init__(self):
        self.name = 'pysvc'
        self.value = 42
        self.items = [1, 2, 3]
        self.data = list(range(10000))
        self.pair = (5, 6, 7)
        self.table = {'a': 1, 'b': 2}
        self.Point = Point
        self.held = None

    def add(self, a, lst, obj):
        return a + sum(lst)

    def call_back(self, cb, n):
        for i in range(n):
            cb(i)
        return n

    def ping_pong(self, cb, n):
        return 0 if n == 0 else 1 + cb(n - 1)

    def fail(self, message):
        raise ValueError(message)

    def count(self, n):
        for i in range(n):
            yield i

    def exit_with(self, code):
        raise SystemExit(code)

    def catch_from(self, f):
        # Calls a client function that throws, and catches the client's exception here, in Python.
        try:
            f()
            return 'no exception'
        except Exception as e:
            return 'caught: ' + str(e)


polyglot.export_value('svc', Svc())
