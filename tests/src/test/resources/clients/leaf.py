# A Multiplex leaf process in Python (MultiplexTest): the same as leaf.js.
import polyglot
import time
from java.lang import System

def prop(k, d):
    return str(System.getProperty('leaf.' + k, d))

me = prop('name', 'py')
shouts = int(prop('shouts', '0'))
expect = int(prop('expect', '0'))
pad = 'x' * int(prop('payload', '0'))
got = []

class Counter:
    def remote_add(self, frm, i, padding):
        got.append('%s:%d' % (frm, i))

polyglot.eval(language='yonder', string='leaf')('test.Counter', Counter)


def poll():
    polyglot.eval(language='yonder', string='poll')


hub = polyglot.import_value('hub')
counter = hub.named(prop('object', 'counter'), 'test.Counter')
hub.arrive(prop('object', 'counter'))
print('JOINED %s %s count=%d' % (me, isinstance(counter, Counter), counter.count), flush=True)
started = time.time()
while hub.arrived(prop('object', 'counter')) < int(prop('waitLeaves', '1')) and time.time() - started < 180:
    poll()
    time.sleep(0.01)
print('SHOUTING ' + me, flush=True)
for i in range(shouts):
    counter.shout_add(me, i, pad)
while len(got) < expect and time.time() - started < 300:
    poll()
    time.sleep(0.002)
end = time.time() + int(prop('linger', '300')) / 1000
while time.time() < end:
    poll()
    time.sleep(0.01)
print('ORDER ' + ','.join(got), flush=True)
print('STATE %d %s' % (counter.count, counter.last), flush=True)
