# Python's own stdin (the context's) and its exit status (sys.exit, an exit of the guest).
import sys
data = sys.stdin.read()
print("python read %d bytes: %s" % (len(data), data.strip()))
sys.exit(3)
