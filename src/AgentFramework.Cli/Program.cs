// Placeholder entry point; the CLI is built in the foundation issue.
return 0;
