using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Rampart.Cli;

/// <summary>Logging to stderr only, so stdout stays machine-readable, one plain line per message.</summary>
internal static class Logging
{
    public static ILoggerFactory Create(bool verbose, bool quiet) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(verbose ? LogLevel.Debug : quiet ? LogLevel.Warning : LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddConsole(options =>
            {
                options.LogToStandardErrorThreshold = LogLevel.Trace;
                options.FormatterName = PlainFormatter.Name;
            })
            .AddConsoleFormatter<PlainFormatter, ConsoleFormatterOptions>());

    /// <summary><c>rampart: message</c>, with the level for warnings and errors; no categories or event ids.</summary>
    private sealed class PlainFormatter() : ConsoleFormatter(Name)
    {
        public new const string Name = "rampart";

        public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
        {
            var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
            var level = logEntry.LogLevel switch
            {
                LogLevel.Warning => "warning: ",
                LogLevel.Error or LogLevel.Critical => "error: ",
                _ => string.Empty,
            };
            textWriter.WriteLine($"rampart: {level}{ConsoleText.Safe(message)}");
        }
    }
}
