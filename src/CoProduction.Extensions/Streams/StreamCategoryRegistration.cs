namespace CoProduction.Streams;

/// <summary>An app aggregate's category, registered with <c>AddStreamCategory&lt;TAggregate&gt;()</c>.</summary>
internal sealed record StreamCategoryRegistration(string Category, string AggregateType);
