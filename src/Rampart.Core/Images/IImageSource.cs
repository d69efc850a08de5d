using Rampart.Core.Files;

namespace Rampart.Core.Images;

/// <summary>Somewhere an image can be read from: an archive, a layout, an engine, a registry, a root filesystem.</summary>
public interface IImageSource
{
    /// <summary>The reference as the user gave it, with its scheme.</summary>
    string Reference { get; }

    /// <summary>Reads every layer once, keeping header facts for all paths and bytes only for <paramref name="selection"/>.</summary>
    /// <exception cref="ImageReadException">The image cannot be read; the message names the input and the fault.</exception>
    Task<ImageSnapshot> ReadAsync(FileSelection selection, CancellationToken cancellationToken);
}

/// <summary>An image that cannot be read, with a message fit for the user: the input and what is wrong with it.</summary>
public sealed class ImageReadException : Exception
{
    public ImageReadException()
    {
    }

    public ImageReadException(string message)
        : base(message)
    {
    }

    public ImageReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
