namespace Rampart.Testing;

/// <summary>The repository the tests run from.</summary>
public static class Repository
{
    /// <summary>The folder holding <c>Actions.sln</c>, found upwards from the test assembly's folder.</summary>
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "Actions.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No Actions.sln above {AppContext.BaseDirectory}.");
        }
    }
}
