namespace Rampart.Cli;

/// <summary>The exit codes scripts and CI systems rely on.</summary>
internal static class ExitCodes
{
    public const int Passed = 0;
    public const int GateFailed = 1;
    public const int UsageError = 2;
    public const int RuntimeError = 3;
}

/// <summary>A mistake in the command line or configuration; the message names the input and what is wrong.</summary>
internal sealed class UsageException(string message) : Exception(message);
