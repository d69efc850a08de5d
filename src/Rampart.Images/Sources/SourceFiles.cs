using Rampart.Core.Images;

namespace Rampart.Images.Sources;

internal static class SourceFiles
{
    /// <summary>Opens an input file for reading, or fails naming it.</summary>
    public static FileStream Open(string path, string reference)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageReadException($"{reference}: cannot open {path}: {e.Message}", e);
        }
    }

    /// <summary>Splits <c>PATH:NAME</c> into the path and the name when PATH exists and the whole does not.</summary>
    public static (string Path, string? Name) SplitName(string value, Func<string, bool> exists)
    {
        var colon = value.LastIndexOf(':');
        if (exists(value) || colon <= 0 || !exists(value[..colon]))
        {
            return (value, null);
        }

        return (value[..colon], value[(colon + 1)..]);
    }
}
