# A NameError for a standard-library module's name says it may not be imported.
def main():
    return sys.argv


print("start")
main()
