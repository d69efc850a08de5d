namespace Rampart.Testing;

/// <summary>The repository the tests run from.</summary>
public static class TestRepository
{
    /// <summary>The folder with Actions.sln, found upwards from the test assembly's folder.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Actions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Actions.sln above {AppContext.BaseDirectory}.");
    }
}
