namespace Rampart.Catalogers.Tests.Support;

/// <summary>The Rust programs of <c>testdata/rust</c>, built once per test run by <c>testdata/rust/build.sh</c> with cargo.</summary>
internal static class RustFixture
{
    private static readonly ScriptFixture Programs = new("rust/build.sh", "cargo", "cargo");

    /// <summary>The audit data the script embedded, uncompressed.</summary>
    public static Task<string> AuditJsonAsync() => Programs.FileAsync("audit.json");

    /// <summary><c>.dep-v0</c> added by objcopy after linking: not loaded, after the loadable segments.</summary>
    public static Task<string> AuditableAsync() => Programs.FileAsync("auditable");

    /// <summary><c>.dep-v0</c> linked in from an object file: loaded read-only data, in the middle of the file.</summary>
    public static Task<string> LinkedAsync() => Programs.FileAsync("auditable-linked");
}
