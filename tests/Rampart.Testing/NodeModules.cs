using System.Reflection;

namespace Rampart.Testing;

/// <summary>
/// The npm packages tests/Rampart.Testing/package.json pins (GitHub's OpenAPI description, real webhook payloads), in
/// that folder's node_modules, whichever test project asks. Missing packages fail the tests, never skip them.
/// </summary>
public static class NodeModules
{
    private static readonly string Directory = typeof(NodeModules).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NodeModulesDirectory").Value!;

    public static string File(string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        return System.IO.File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"{path} was not found. Run 'npm ci' in {Path.GetDirectoryName(Directory)} (tests/run.sh does).");
    }
}
