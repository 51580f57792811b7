namespace CoProduction.DependencyInjection;

/// <summary>Remembers that the options were bound to a configuration section, so a second <c>AddCoProduction(path)</c> binds nothing twice.</summary>
internal sealed record BoundConfigurationSection(string Path);
