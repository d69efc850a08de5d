using Xunit;

namespace Rampart.Testing;

/// <summary>What a test needs from the machine (a tool, a privilege): without it the test skips and says why, except under
/// <c>CI=true</c>, where <c>tests/run.sh</c> provided it and its absence fails.</summary>
public static class Prerequisite
{
    /// <summary>Skips the running test, or fails it under CI, giving <paramref name="reason"/>.</summary>
    public static void Missing(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{reason} (CI=true, so this fails instead of skipping)");
        }

        Skip.If(true, reason);
    }
}
