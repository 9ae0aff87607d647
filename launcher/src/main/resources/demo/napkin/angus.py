# Angus's minimalistic text client in the Napkin demo (docs/napkin.md), as on his Wyse 85 terminal: the same copy
# tags as Alec's and Amy's client, with classes of its own that print one discreet line each. It takes part in no
# step; it follows the story (napkin.story, the same property as leaf.js) until it has seen all of it.
import polyglot
import time
from java.lang import System


def prop(k, d):
    return str(System.getProperty('napkin.' + k, d))


me = prop('name', 'angus')
story = [s.split(':')[1] for s in prop('story', 'amy:move,alec:croak,alec:draw,alec:rotate').split(',')]
seen = []


def saw(step):
    if len(seen) < len(story) and story[len(seen)] == step:
        seen.append(step)


def say(line):
    print(line, flush=True)


class Circle:
    def remote_moved(self, by):
        say('circle: (%d,%d) [%s]' % (self.x, self.y, by))
        saw('move')


class Frog:
    def remote_croak(self, by):
        say('%s: *croak*' % self.name)
        saw('croak')


class Blot:
    def remote_rotate(self, degrees, by):
        self.turned += degrees   # not in the state: Angus's own
        say('blot %s: %s, %d deg' % (self.id, self.shape, self.turned))
        saw('rotate')


class Napkin:
    def remote_draw(self, blot, by):
        blot.turned = 0
        say('blot %s: %s %s at (%d,%d) [%s]' % (blot.id, blot.color, blot.shape, blot.x, blot.y, by))
        saw('draw')


leaf = polyglot.eval(language='yonder', string='leaf')
for tag, cls in (('napkin.Napkin', Napkin), ('napkin.Frog', Frog), ('napkin.Circle', Circle), ('napkin.Blot', Blot)):
    leaf(tag, cls)

napkin = polyglot.import_value('napkin')
kermit = polyglot.import_value('kermit')
circle = polyglot.import_value('circle')
say('%s: %s, %s, circle (%d,%d)' % (me, napkin.title, kermit.name, circle.x, circle.y))
timeout = int(prop('timeout', '90000')) / 1000
begun = time.time()
while len(seen) < len(story):
    if time.time() - begun > timeout:
        raise RuntimeError('%s: the story did not complete in %d s; seen: %s' % (me, timeout, ', '.join(seen)))
    polyglot.eval(language='yonder', string='poll')
    time.sleep(0.01)
say('%s: the story is complete' % me)
