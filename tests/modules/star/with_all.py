__all__ = ["public_one", "_listed_private"]
def public_one():
    return "public_one"
_listed_private = "listed private"
hidden = "not in __all__"
