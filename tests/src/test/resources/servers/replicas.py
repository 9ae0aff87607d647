# A Python owner of cacheable objects (ReplicaTest): `score` is replicated to every client that reads it.
import polyglot

cacheable = polyglot.eval(language='yonder', string='cacheable')
score = cacheable({'home': 0, 'away': 0, 'players': ['ann', 'bob'], 'meta': {'venue': 'park', 'round': 1}})
polyglot.export_value('score', score)


class Svc:
    def goal(self, side):
        setattr(score, side, getattr(score, side) + 1)
        return getattr(score, side)

    def addPlayer(self, p):
        score.players.append(p)
        return len(score.players)

    def rename(self, venue):
        score.meta.venue = venue


polyglot.export_value('svc', Svc())
