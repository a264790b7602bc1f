from summit_app.cli import main

raise SystemExit(main())
