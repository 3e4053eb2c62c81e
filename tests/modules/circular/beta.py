print("beta starts")
import alpha
from alpha import EARLY
alpha_seen = hasattr(alpha, "ALPHA"), EARLY
BETA = "beta done"
def call_alpha():
    return alpha.late()
print("beta ends")
