from assetdir.cli import main

main()
