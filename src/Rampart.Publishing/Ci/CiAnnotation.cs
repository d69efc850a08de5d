namespace Rampart.Publishing.Ci;

/// <summary>How loud an annotation is; each CI host maps it to its own levels.</summary>
public enum CiAnnotationLevel
{
    Notice,
    Warning,
    Error,
}

/// <summary>A message a CI host shows next to a file line, or on the run when <paramref name="File"/> is null.</summary>
/// <param name="Level">How loud.</param>
/// <param name="Title">A short heading, e.g. the rule id and severity.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="File">The file, relative to the repository root where possible.</param>
/// <param name="Line">The 1-based line in <paramref name="File"/>.</param>
public sealed record CiAnnotation(CiAnnotationLevel Level, string Title, string Message, string? File, int? Line);
