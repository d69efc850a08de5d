using Rampart.Testing;

namespace Rampart.Catalogers.Tests.Support;

/// <summary>
/// The real tools some tests take fixtures and answers from (Debian's Go toolchain, rpm). Without one such a test skips
/// and says what to install, except under <c>CI=true</c>, where <c>tests/run.sh</c> installed it and its absence fails.
/// </summary>
internal static class Tools
{
    public static void Require(string tool, string debianPackage)
    {
        if (Commands.Exists(tool))
        {
            return;
        }

        Prerequisite.Missing($"{tool} is not installed; apt-get install -y {debianPackage} (tests/run.sh does)");
    }
}
