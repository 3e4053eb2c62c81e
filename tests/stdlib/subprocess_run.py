# subprocess.run: output capture through pipes (_posixsubprocess.fork_exec and a poll selector), input,
# exit status, a missing program, check=True, shell=True, cwd and env.
import subprocess

r = subprocess.run(["echo", "hello"], capture_output=True)
print(r.returncode, r.stdout, r.stderr, r.args)
r = subprocess.run(["sh", "-c", "echo out; echo err >&2; exit 3"], capture_output=True, text=True)
print(r.returncode, repr(r.stdout), repr(r.stderr))
r = subprocess.run(["cat"], input=b"piped through cat", capture_output=True)
print(r.stdout)
try:
    subprocess.run(["no_such_program_xyz"])
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename)
try:
    subprocess.run(["ls"], cwd="/no/such/dir")
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.filename)
print(subprocess.check_output(["printf", "a\\nb"]).splitlines())
try:
    subprocess.run(["false"], check=True)
except subprocess.CalledProcessError as e:
    print(e, e.returncode)
print(subprocess.run("echo $((1+2))", shell=True, stdout=subprocess.PIPE).stdout)
print(subprocess.run(["pwd"], cwd="/", capture_output=True).stdout)
r = subprocess.run(["sh", "-c", "echo $FOO"], env={"FOO": "bar", "PATH": "/usr/bin:/bin"}, capture_output=True)
print(r.stdout)
print(subprocess.call(["sh", "-c", "exit 7"]), subprocess.getoutput("echo hi; echo there"))
p = subprocess.Popen(["sh", "-c", "read x; echo got $x"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, err = p.communicate(b"line\n")
print(out, err, p.returncode)
big = subprocess.run(["sh", "-c", "head -c 200000 /dev/zero"], capture_output=True).stdout
print(len(big), big.count(b"\0"))
