"""One module per command: parse the options, make one library call, render the result."""
