import sys as _sys
plain = "plain"
also_plain = 2
_private = "private"
