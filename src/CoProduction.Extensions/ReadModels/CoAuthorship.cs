namespace CoProduction.ReadModels;

/// <summary>How many outputs have a manager among their authors: co-production visible on the outputs themselves. Retracted outputs are not counted.</summary>
/// <param name="Outputs">How many outputs.</param>
/// <param name="WithManagerCoAuthor">How many of them have a manager co-author.</param>
public sealed record CoAuthorship(int Outputs, int WithManagerCoAuthor)
{
    /// <summary>Gets the share of outputs with a manager co-author, 0 to 1; <see langword="null"/> when there is no output.</summary>
    public double? Rate => Outputs == 0 ? null : (double)WithManagerCoAuthor / Outputs;
}
