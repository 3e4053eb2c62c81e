print("alpha runs")


def run():
    return "alpha.run"
