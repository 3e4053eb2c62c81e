"""A second module read through the same attribute sites as `helper`."""


def f():
    return "other f"
