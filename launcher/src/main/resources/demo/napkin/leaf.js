// Alec's and Amy's client in the Napkin demo (docs/napkin.md): one leaf class per copy tag, which renders what it is
// shouted in its own way ("Ribbit" through the room). System properties: napkin.name (who this leaf is),
// napkin.leaves (how many leaf processes the story waits for), napkin.story (actor:step,... in the order they happen),
// napkin.page (true: also show the napkin as a live web page), napkin.stay (true: keep running after the story),
// napkin.timeout (ms).
const System = Java.type('java.lang.System');
const prop = (k, d) => String(System.getProperty('napkin.' + k, d));
const me = prop('name', 'alec');
const story = prop('story', 'amy:move,alec:croak,alec:draw,alec:rotate').split(',').map((s) => s.split(':'));
const say = (line) => console.log(line);
const page = prop('page', 'false') === 'true' ? new (Java.type('org.yonder.launcher.NapkinPage'))(me) : null;
const show = (event) => page && page.publish(JSON.stringify(event));

let at = 0;              // the next step of the story this leaf has not seen yet
let lastBlot = null;     // the blot drawn last, as this leaf's Blot
const seen = (step) => {
  if (at < story.length && story[at][1] === step) at++;
  act();
};

class Circle {
  remote_moved(by) {   // the position is the hub's state, which this leaf's replica already holds
    say(`the ${this.color} circle slides to (${this.x}, ${this.y}) on ${me}'s napkin (moved by ${by})`);
    show({ kind: 'circle', x: this.x, y: this.y, r: this.r, color: this.color, by });
    seen('move');
  }
}
class Frog {
  remote_croak(by) {
    say(`RIBBIT! a giant "Ribbit" echoes through ${me}'s room (${by} clicked ${this.name})`);
    show({ kind: 'croak', frog: this.name, by });
    seen('croak');
  }
}
class Blot {
  constructor(id, shape, x, y, width, height, color, by) {   // these data members are the blot's state on the hub
    Object.assign(this, { id, shape, x, y, width, height, color, by });
  }
  remote_rotate(degrees, by) {
    this.turned += degrees;   // not in the state: this leaf's own
    say(`blot ${this.id} turns ${degrees} degrees on ${me}'s napkin, now at ${this.turned} (rotated by ${by})`);
    show({ kind: 'rotate', id: this.id, angle: this.turned, by });
    seen('rotate');
  }
}
class Napkin {
  remote_draw(blot, by) {
    blot.turned = 0;
    lastBlot = blot;
    say(`a ${blot.color} ${blot.shape} (blot ${blot.id}) appears on ${me}'s napkin at (${blot.x}, ${blot.y}), drawn by ${by};`
        + ` it is a ${blot instanceof Blot ? 'Blot of this client' : 'stranger'}`);
    show({ kind: 'blot', id: blot.id, shape: blot.shape, x: blot.x, y: blot.y, width: blot.width, height: blot.height, color: blot.color, by });
    seen('draw');
  }
}
const leaf = Polyglot.eval('yonder', 'leaf');
leaf('napkin.Napkin', Napkin);
leaf('napkin.Frog', Frog);
leaf('napkin.Circle', Circle);
leaf('napkin.Blot', Blot);

const bob = Polyglot.import('bob');
const napkin = Polyglot.import('napkin');
const kermit = Polyglot.import('kermit');
const circle = Polyglot.import('circle');
say(`${me} joined Bob's ${napkin.title}: kermit is a ${kermit instanceof Frog ? 'Frog' : 'stranger'} here,`
    + ` the ${circle.color} circle is at (${circle.x}, ${circle.y})`);
if (page) say(`${me}'s napkin page: ${page.url()}`);
show({ kind: 'hello', who: me, title: napkin.title, frog: kermit.name, circle: { x: circle.x, y: circle.y, r: circle.r, color: circle.color } });

const steps = {
  move() {
    say(`${me} drags the ${circle.color} circle by (+40, +15)`);
    circle.x += 40;   // written through to Bob: every leaf's replica gets the new position
    circle.y += 15;
    circle.shout_moved(me);
  },
  croak() {
    say(`${me} clicks on ${kermit.name}`);
    kermit.shout_croak(me);
  },
  draw() {
    const id = me + '-1';
    say(`${me} draws blot ${id}, a blue bar, with napkin.shout_draw`);
    napkin.shout_draw(new Blot(id, 'bar', 150, 70, 60, 20, 'blue', me), me);
  },
  rotate() {
    say(`${me} rotates blot ${lastBlot.id} with blot.shout_rotate(90)`);
    lastBlot.shout_rotate(90, me);
  },
};
let started = false;
function act() {
  if (started && at < story.length && story[at][0] === me) steps[story[at][1]]();
}

const want = 3 * +prop('leaves', '3');   // each leaf process holds the three roots
const begun = Date.now();
const timeout = +prop('timeout', '90000');
const Thread = Java.type('java.lang.Thread');
// Runs the shouts that arrive (poll) until done() holds; an error at the top level ends `yonder run` with status 1.
const waitFor = (done, what) => {
  while (!done()) {
    if (Date.now() - begun > timeout) {
      throw new Error(`${me}: ${what} did not happen in ${timeout} ms; the story waits for step ${at + 1} (${story[at]}); Bob has ${bob.report()}`);
    }
    Polyglot.eval('yonder', 'poll');
    Thread.sleep(10);
  }
};
waitFor(() => bob.leaves() >= want, `all ${want / 3} leaves joining`);
started = true;
say(`${me} sees all ${want / 3} leaves at Bob's`);
act();
waitFor(() => at === story.length, 'the whole story');
say(`${me}: the story is complete (${story.map((s) => s.join(' ')).join(', ')}); Bob has ${bob.report()}`);
if (prop('stay', 'false') === 'true') {
  say(`${me} stays, to keep the page up`);
  for (;;) {
    Polyglot.eval('yonder', 'poll');
    Thread.sleep(50);
  }
}
