using Microsoft.Extensions.Logging;

namespace Rampart.Catalogers.Common;

/// <summary>The warnings catalogers write; every one names the file it is about.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "{Path}: {Problem}")]
    public static partial void Malformed(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "{Path}: its {Size} bytes were not kept by the layer reader (it keeps no file above the limits.maxFileBytes setting, nor a package database above 256 MiB), skipped")]
    public static partial void ContentMissing(ILogger logger, string path, long size);

    /// <summary>A sink for a parser's complaints about one file.</summary>
    public static Action<string> For(ILogger logger, string path) => problem => Malformed(logger, path, problem);
}
