print("alpha starts")
EARLY = "early"
import beta
ALPHA = "alpha done"
def late():
    return "alpha.late called"
print("alpha ends")
