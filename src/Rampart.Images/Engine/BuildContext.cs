using System.Formats.Tar;
using Rampart.Core.Images;

namespace Rampart.Images.Engine;

/// <summary>
/// The tar of a build context the engine's <c>/build</c> endpoint takes: the context directory less what
/// <c>.dockerignore</c> leaves out, symlinks as links, plus the Dockerfile (under a name of its own when it lives
/// outside the context). Written to a temporary file that is deleted when the stream is closed.
/// </summary>
internal static class BuildContext
{
    /// <summary>Fails with a message naming the input unless both exist.</summary>
    public static void Validate(string contextDirectory, string dockerfilePath)
    {
        if (!File.Exists(dockerfilePath))
        {
            throw new ImageReadException($"The Dockerfile '{dockerfilePath}' does not exist.");
        }

        if (!Directory.Exists(contextDirectory))
        {
            throw new ImageReadException($"The build context '{contextDirectory}' is not a directory.");
        }
    }

    /// <summary>The tar, positioned at its start, and the Dockerfile's name inside it.</summary>
    public static async Task<(Stream Tar, string DockerfileName, int Entries)> CreateAsync(
        string contextDirectory, string dockerfilePath, CancellationToken cancellationToken)
    {
        Validate(contextDirectory, dockerfilePath);
        var context = Path.GetFullPath(contextDirectory);
        var dockerfile = Path.GetFullPath(dockerfilePath);

        var relativeDockerfile = Path.GetRelativePath(context, dockerfile).Replace(Path.DirectorySeparatorChar, '/');
        var insideContext = !relativeDockerfile.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(relativeDockerfile);
        var dockerfileName = insideContext ? relativeDockerfile : $".rampart-dockerfile-{Guid.NewGuid():N}";
        var ignore = DockerIgnore.Load(context);

        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"rampart-context-{Guid.NewGuid():N}.tar"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            bufferSize: 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var entries = 0;
            await using (var writer = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: true))
            {
                entries += await AddDirectoryAsync(writer, context, context, ignore, cancellationToken).ConfigureAwait(false);

                // The Dockerfile and .dockerignore always go, whatever .dockerignore says.
                if (!insideContext || ignore.IsIgnored(dockerfileName))
                {
                    await writer.WriteEntryAsync(dockerfile, dockerfileName, cancellationToken).ConfigureAwait(false);
                    entries++;
                }

                if (File.Exists(Path.Combine(context, ".dockerignore")) && ignore.IsIgnored(".dockerignore"))
                {
                    await writer.WriteEntryAsync(Path.Combine(context, ".dockerignore"), ".dockerignore", cancellationToken).ConfigureAwait(false);
                    entries++;
                }
            }

            file.Position = 0;
            return (file, dockerfileName, entries);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<int> AddDirectoryAsync(
        TarWriter writer, string root, string directory, DockerIgnore ignore, CancellationToken cancellationToken)
    {
        var entries = 0;
        var children = new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal);
        foreach (var child in children)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetRelativePath(root, child.FullName).Replace(Path.DirectorySeparatorChar, '/');
            var ignored = ignore.IsIgnored(name);
            var isRealDirectory = child is DirectoryInfo && child.LinkTarget is null;
            if (ignored && !(isRealDirectory && ignore.HasExceptions))
            {
                continue;
            }

            if (!ignored)
            {
                // Writes files, directories and symlinks (as links) with their mode bits.
                await writer.WriteEntryAsync(child.FullName, name, cancellationToken).ConfigureAwait(false);
                entries++;
            }

            if (isRealDirectory)
            {
                entries += await AddDirectoryAsync(writer, root, child.FullName, ignore, cancellationToken).ConfigureAwait(false);
            }
        }

        return entries;
    }
}
