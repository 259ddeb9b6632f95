"""Staff: sign-in, roles and permissions, manager approvals, demo staff."""
