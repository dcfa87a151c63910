{{/*
Chart name, truncated to the 63 characters Kubernetes allows in names and label values.
*/}}
{{- define "aml-warden.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: "<release>-<chart>", or just the release name when it already contains the chart name.
*/}}
{{- define "aml-warden.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart label value: name-version.
*/}}
{{- define "aml-warden.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "aml-warden.labels" -}}
helm.sh/chart: {{ include "aml-warden.chart" . }}
{{ include "aml-warden.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: aml-warden
{{- end }}

{{/*
Selector labels (immutable on a Deployment: never add to these).
*/}}
{{- define "aml-warden.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aml-warden.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
ServiceAccount name.
*/}}
{{- define "aml-warden.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "aml-warden.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image reference: repository@digest when a digest is given, else repository:tag.
*/}}
{{- define "aml-warden.image" -}}
{{- $repository := required "image.repository is required: the chart has no default registry; name your own (e.g. <acr>.azurecr.io/aml-warden)" .Values.image.repository }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repository .Values.image.tag }}
{{- end }}
{{- end }}

{{/*
Tomcat RemoteIpValve internal-proxies regex: exactly the configured ingress proxy addresses.
*/}}
{{- define "aml-warden.trustedProxiesRegex" -}}
{{- $escaped := list }}
{{- range .Values.ingress.trustedProxies }}
{{- $escaped = append $escaped (regexQuoteMeta .) }}
{{- end }}
{{- join "|" $escaped }}
{{- end }}

{{/*
Name of the Secret holding the database password (existingSecret and inline sources).
*/}}
{{- define "aml-warden.dbSecretName" -}}
{{- if eq .Values.database.password.source "inline" }}
{{- printf "%s-db" (include "aml-warden.fullname" .) }}
{{- else }}
{{- .Values.database.password.existingSecret.name }}
{{- end }}
{{- end }}

{{/*
Key of the database password inside that Secret.
*/}}
{{- define "aml-warden.dbSecretKey" -}}
{{- if eq .Values.database.password.source "inline" }}
{{- "password" }}
{{- else }}
{{- .Values.database.password.existingSecret.key }}
{{- end }}
{{- end }}

{{/*
Replicas the release runs with at rest (HPA minimum when autoscaling).
*/}}
{{- define "aml-warden.minReplicas" -}}
{{- if .Values.autoscaling.enabled }}
{{- .Values.autoscaling.minReplicas }}
{{- else }}
{{- .Values.replicaCount }}
{{- end }}
{{- end }}
