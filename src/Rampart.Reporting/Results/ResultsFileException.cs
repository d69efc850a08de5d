namespace Rampart.Reporting.Results;

/// <summary>A results or baseline file that cannot be used; the message names the file and what is wrong with it.</summary>
public sealed class ResultsFileException : Exception
{
    public ResultsFileException()
    {
    }

    public ResultsFileException(string message)
        : base(message)
    {
    }

    public ResultsFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
