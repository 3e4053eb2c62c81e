# textwrap: wrap, fill, shorten, dedent, indent (all built on re).
import textwrap

text = ('The quick brown fox jumps over the lazy dog. ' * 4).strip()
print(textwrap.wrap(text, 30))
print(textwrap.fill(text, width=40, initial_indent='> ', subsequent_indent='  '))
print(textwrap.shorten(text, 50), textwrap.shorten('Hello  world!', width=12))
print(repr(textwrap.dedent('''
    def f():
        return 1
''')))
print(textwrap.indent('a\nb\n\nc', '+ '), textwrap.indent('a\nb', '-', lambda l: True))
print(textwrap.wrap('supercalifragilisticexpialidocious word', 10))
print(textwrap.wrap('a-very-long-hyphenated-word here', 8, break_on_hyphens=True))
print(textwrap.fill('tabs\there\tand there', 15, expand_tabs=True, tabsize=4))
w = textwrap.TextWrapper(width=20, max_lines=2, placeholder=' [...]')
print(w.wrap(text))
