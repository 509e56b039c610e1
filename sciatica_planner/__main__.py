from sciatica_planner.cli import main

main()
