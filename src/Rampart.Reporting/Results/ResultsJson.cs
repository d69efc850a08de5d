using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Rampart.Core.Results;

namespace Rampart.Reporting.Results;

/// <summary>
/// The results file's encoding: camelCase names, enums as lower-case (kebab-case) strings, absent values left out,
/// UTF-8 kept as it is. <c>Schemas/results.schema.json</c> documents it.
/// </summary>
public static class ResultsJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The results as indented JSON ending in a newline.</summary>
    public static string Serialize(ScanResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return JsonSerializer.Serialize(results, Options) + "\n";
    }

    /// <summary>Writes <paramref name="results"/> to <paramref name="path"/> atomically.</summary>
    public static Task WriteAsync(ScanResults results, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        var bytes = System.Text.Encoding.UTF8.GetBytes(Serialize(results));
        return AtomicFile.WriteAsync(path, stream => stream.WriteAsync(bytes, cancellationToken).AsTask());
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            IndentSize = 2,
            NewLine = "\n",
            // The file is UTF-8 JSON read by tools, never embedded in HTML; '&' in purls and non-ASCII names stay readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OnlySettableProperties, NullableParametersOptional } },
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Properties computed from others (no setter) are conveniences of the model, not fields of the file.</summary>
    private static void OnlySettableProperties(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i].Set is null && type.Properties[i].AssociatedParameter is null)
            {
                type.Properties.RemoveAt(i);
            }
        }
    }

    /// <summary>Absent values are left out when writing, so a constructor parameter that may be null may also be missing.</summary>
    private static void NullableParametersOptional(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.AssociatedParameter is { IsNullable: true })
            {
                property.IsRequired = false;
            }
        }
    }
}
