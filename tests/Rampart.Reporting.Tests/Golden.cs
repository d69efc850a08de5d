using System.Reflection;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Rampart.Reporting.Tests;

/// <summary>
/// Compares output with files under <c>golden/</c> after parsing. <c>UPDATE_GOLDEN=1</c> rewrites them instead, except when
/// <c>CI=true</c>: CI only ever checks.
/// </summary>
internal static class Golden
{
    private static readonly string Directory = typeof(Golden).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "GoldenDirectory")
        .Value!;

    public static void AssertJson(string name, string actual) =>
        Compare(name, actual, (expected, got) => JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(got)));

    public static void AssertXml(string name, string actual) =>
        Compare(name, actual, (expected, got) => XNode.DeepEquals(XDocument.Parse(expected), XDocument.Parse(got)));

    /// <summary>Byte-for-byte text comparison, for formats whose exact characters matter (Markdown, HTML).</summary>
    public static void AssertText(string name, string actual) => Compare(name, actual, string.Equals);

    private static void Compare(string name, string actual, Func<string, string, bool> equal)
    {
        var path = Path.Combine(Directory, name);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests once with UPDATE_GOLDEN=1 and review it.");
        var expected = File.ReadAllText(path);
        Assert.True(
            equal(expected, actual),
            $"Output differs from {path}. If the change is intended, run with UPDATE_GOLDEN=1 and review the diff.\nActual:\n{actual}");
    }

    private static bool Updating =>
        Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1"
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
