from omc.cli import main

main()
