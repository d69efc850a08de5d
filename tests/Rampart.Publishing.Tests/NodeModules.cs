namespace Rampart.Publishing.Tests;

/// <summary>
/// The npm packages this project's package.json pins (GitHub's OpenAPI description, real webhook payloads), found by
/// walking up from the test binaries. Missing packages fail the tests, never skip them.
/// </summary>
internal static class NodeModules
{
    public static string File(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "node_modules", relativePath);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"node_modules/{relativePath} was not found above {AppContext.BaseDirectory}. " +
            "Run 'npm ci' in tests/Rampart.Publishing.Tests (tests/run.sh does).");
    }
}
