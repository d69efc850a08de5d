namespace Rampart.Reporting.Schemas;

/// <summary>The JSON Schema (draft 2020-12) of the results file, embedded from <c>Schemas/results.schema.json</c>.</summary>
public static class ResultsSchema
{
    public const string ResourceName = "Rampart.Reporting.Schemas.results.schema.json";

    /// <summary>The schema's text.</summary>
    public static string Read()
    {
        using var stream = typeof(ResultsSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Rampart.Reporting does not embed {ResourceName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
