from assetdir.cli.app import main

main()
