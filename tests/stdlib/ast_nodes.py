# The _ast node classes: hierarchy, _fields/_attributes/__match_args__, the constructor and its errors, optional
# fields reading None, ast.dump of hand-built trees, and matching on nodes.
import ast

print(ast.AST, ast.AST._fields, ast.AST._attributes, ast.Name.__mro__, ast.Add.__mro__)
print(ast.Name._fields, ast.Name._attributes, ast.Name.__match_args__, ast.FunctionDef._fields)
print(ast.arguments._fields, ast.arguments._attributes, ast.arg._attributes, ast.comprehension._attributes)
print(ast.stmt._attributes, ast.pattern._attributes, ast.Load._fields, ast.expr_context._attributes)
print(ast.Name.__doc__, ast.Load.__doc__, ast.cmpop.__doc__)
print(ast.mod.__doc__)
print(ast.PyCF_ONLY_AST, ast.PyCF_TYPE_COMMENTS, ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
names = [n for n in dir(ast) if isinstance(getattr(ast, n), type) and issubclass(getattr(ast, n), ast.AST)]
print(len(names), names[:12])

f = ast.FunctionDef()
print(f.returns, f.type_comment, hasattr(f, 'body'), hasattr(f, 'name'), f.__dict__)
n = ast.Name('x', ast.Load(), lineno=1, col_offset=0)
print(n.id, type(n.ctx).__name__, n.lineno, n.col_offset, n.end_lineno, sorted(n.__dict__))
for args, kwargs in [(('a', ast.Load(), 3), {}), ((1,), {}), (('x',), {'id': 'y'})]:
    try:
        ast.Name(*args, **kwargs)
    except TypeError as e:
        print(e)
try:
    ast.Load(1)
except TypeError as e:
    print(e)
print(ast.Constant(1).value, ast.Constant(1).kind, ast.Name(id='z', extra=5).extra)

tree = ast.Module(
    body=[
        ast.Assign(targets=[ast.Name('x', ast.Store())], value=ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2))),
        ast.Expr(ast.Call(ast.Name('print', ast.Load()), [ast.Name('x', ast.Load())], [])),
    ],
    type_ignores=[],
)
print(ast.dump(tree))
print(ast.dump(tree, indent=2))
fn = ast.FunctionDef(
    name='f',
    args=ast.arguments(posonlyargs=[], args=[ast.arg('a')], kwonlyargs=[], kw_defaults=[], defaults=[]),
    body=[ast.Return(ast.Name('a', ast.Load()))],
    decorator_list=[],
    type_params=[],
)
print(ast.dump(fn))
print(ast.dump(ast.fix_missing_locations(ast.Expression(ast.Constant('s'))), include_attributes=True))
print([type(x).__name__ for x in ast.walk(tree)])


class Renamer(ast.NodeTransformer):
    def visit_Name(self, node):
        return ast.Name(node.id.upper(), node.ctx)


print(ast.dump(Renamer().visit(tree)))
match tree.body[0]:
    case ast.Assign(targets=[ast.Name(id=target)], value=ast.BinOp(left=ast.Constant(value=v), op=ast.Add())):
        print("matched", target, v)
print(isinstance(ast.Add(), ast.operator), isinstance(n, ast.expr), isinstance(n, ast.stmt))
print(n.__reduce__()[0], ast.Load().__reduce__())
