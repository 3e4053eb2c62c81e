SPEED = "fast"
def turn():
    return "turning in " + __package__
