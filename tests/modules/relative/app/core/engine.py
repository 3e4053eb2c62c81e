from . import gears
from .gears import turn
from ..util.text import shout
from .. import ROOT as parent_const
from ..util import text as sibling
helper_name = turn.__name__
def run():
    return shout(gears.SPEED + " " + turn())
