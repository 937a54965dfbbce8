/**
 * Java with Maven or Gradle (the project's wrapper when it has one): package the
 * application jar with the dependency cache mounted, then run it on a JRE as a system
 * user. SERVER_PORT is the port Spring Boot reads; other frameworks can read it too.
 */
import type { DotnetFacts, JavaFacts } from '../types';
import { createAppUser, dockerfileOf, runAsApp, syntaxLine } from './common';
import { dotnetImages, gradleImage, jdkImage, jreImage, mavenImage } from './images';

function buildSteps(facts: JavaFacts): { image: string; run: string } {
  // Plain, sources, javadoc and shaded "original-" jars are not the application.
  const pick = (dir: string) => `mkdir -p /out && find ${dir} -maxdepth 1 -name '*.jar' ! -name '*-plain.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' ! -name 'original-*' -exec cp {} /out/app.jar \\;`;
  if (facts.build === 'maven') {
    const mvn = facts.wrapper ? 'sh ./mvnw' : 'mvn';
    return { image: facts.wrapper ? jdkImage(facts.javaVersion) : mavenImage(facts.javaVersion), run: `RUN --mount=type=cache,target=/root/.m2 ${mvn} --batch-mode -DskipTests package && ${pick('target')}` };
  }
  const gradle = facts.wrapper ? 'sh ./gradlew' : 'gradle';
  const image = facts.wrapper ? jdkImage(facts.javaVersion) : gradleImage(facts.javaVersion);
  const cache = '--mount=type=cache,target=/root/.gradle';
  if (facts.application) return { image, run: `RUN ${cache} ${gradle} --no-daemon installDist && cp -R build/install/${facts.application} /out` };
  return { image, run: `RUN ${cache} ${gradle} --no-daemon assemble && ${pick('build/libs')}` };
}

export function javaDockerfile(facts: JavaFacts, port: number): string {
  const { image, run } = buildSteps(facts);
  return dockerfileOf(
    syntaxLine,
    ['# Build stage: the application, with the dependency cache mounted.', `FROM ${image} AS build`, 'WORKDIR /src', 'COPY . .', run],
    [
      `# Runtime stage: a JRE and the ${facts.application ? 'application\'s start script' : 'jar'}, run by an unprivileged user.`,
      `FROM ${jreImage(facts.javaVersion)}`,
      createAppUser,
      'WORKDIR /app',
      facts.application ? 'COPY --from=build /out ./' : 'COPY --from=build /out/app.jar app.jar',
      `ENV SERVER_PORT=${port}`,
      runAsApp,
      `EXPOSE ${port}`,
      facts.application ? `ENTRYPOINT ["/app/bin/${facts.application}"]` : 'ENTRYPOINT ["java", "-jar", "/app/app.jar"]',
    ],
  );
}

export function dotnetDockerfile(facts: DotnetFacts, port: number): string {
  const images = dotnetImages(facts.framework, facts.web);
  const nuget = '--mount=type=cache,target=/root/.nuget/packages';
  return dockerfileOf(
    syntaxLine,
    [
      '# Build stage: restore (NuGet cache mounted) and publish a framework-dependent app.',
      `FROM ${images.sdk} AS build`,
      'WORKDIR /src',
      'COPY . .',
      `RUN ${nuget} dotnet restore "${facts.projectFile}" && dotnet publish "${facts.projectFile}" --configuration Release --no-restore --output /app -p:UseAppHost=false`,
    ],
    [
      '# Runtime stage: the .NET runtime and the published app, run by an unprivileged user.',
      `FROM ${images.runtime}`,
      'WORKDIR /app',
      'COPY --from=build /app ./',
      ...(facts.web ? [`ENV ASPNETCORE_HTTP_PORTS=${port}`] : []),
      // The uid of the `app` user .NET 8 and later images have (older ones run it without a name).
      'USER 1654:1654',
      ...(facts.web ? [`EXPOSE ${port}`] : []),
      `ENTRYPOINT ["dotnet", "${facts.assembly}.dll"]`,
    ],
  );
}
