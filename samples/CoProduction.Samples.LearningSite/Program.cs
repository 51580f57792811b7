using System;
using CoProduction.Samples.LearningSites;

SampleOptions options;
try
{
    options = SampleOptions.Parse(args, out var help);
    if (help)
    {
        Console.WriteLine(SampleOptions.Usage);
        return 0;
    }
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(SampleOptions.Usage);
    return 2;
}

var result = await LearningSiteScenario.RunAsync(options);
ConsoleReport.Write(result);
return 0;
