"""What every front end shares (the terminal window, line mode, the web app): the slash commands."""
