const _e=globalThis,Ke=e=>e,Re=_e.trustedTypes,Ze=Re?Re.createPolicy("lit-html",{createHTML:e=>e}):void 0,ct="$lit$",J=`lit$${Math.random().toFixed(9).slice(2)}$`,dt="?"+J,Ct=`<${dt}>`,ae=document,$e=()=>ae.createComment(""),ge=e=>e===null||typeof e!="object"&&typeof e!="function",We=Array.isArray,Nt=e=>We(e)||typeof e?.[Symbol.iterator]=="function",Ie=`[ 	
\f\r]`,me=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Je=/-->/g,Qe=/>/g,ee=RegExp(`>|${Ie}(?:([^\\s"'>=/]+)(${Ie}*=${Ie}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Xe=/'/g,et=/"/g,lt=/^(?:script|style|textarea|title)$/i,Tt=e=>(t,...a)=>({_$litType$:e,strings:t,values:a}),u=Tt(1),ye=Symbol.for("lit-noChange"),W=Symbol.for("lit-nothing"),tt=new WeakMap,ne=ae.createTreeWalker(ae,129);function ut(e,t){if(!We(e)||!e.hasOwnProperty("raw"))throw Error("invalid template strings array");return Ze!==void 0?Ze.createHTML(t):t}const Et=(e,t)=>{const a=e.length-1,s=[];let n,o=t===2?"<svg>":t===3?"<math>":"",d=me;for(let b=0;b<a;b++){const c=e[b];let r,f,h=-1,l=0;for(;l<c.length&&(d.lastIndex=l,f=d.exec(c),f!==null);)l=d.lastIndex,d===me?f[1]==="!--"?d=Je:f[1]!==void 0?d=Qe:f[2]!==void 0?(lt.test(f[2])&&(n=RegExp("</"+f[2],"g")),d=ee):f[3]!==void 0&&(d=ee):d===ee?f[0]===">"?(d=n??me,h=-1):f[1]===void 0?h=-2:(h=d.lastIndex-f[2].length,r=f[1],d=f[3]===void 0?ee:f[3]==='"'?et:Xe):d===et||d===Xe?d=ee:d===Je||d===Qe?d=me:(d=ee,n=void 0);const m=d===ee&&e[b+1].startsWith("/>")?" ":"";o+=d===me?c+Ct:h>=0?(s.push(r),c.slice(0,h)+ct+c.slice(h)+J+m):c+J+(h===-2?b:m)}return[ut(e,o+(e[a]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),s]};class ve{constructor({strings:t,_$litType$:a},s){let n;this.parts=[];let o=0,d=0;const b=t.length-1,c=this.parts,[r,f]=Et(t,a);if(this.el=ve.createElement(r,s),ne.currentNode=this.el.content,a===2||a===3){const h=this.el.content.firstChild;h.replaceWith(...h.childNodes)}for(;(n=ne.nextNode())!==null&&c.length<b;){if(n.nodeType===1){if(n.hasAttributes())for(const h of n.getAttributeNames())if(h.endsWith(ct)){const l=f[d++],m=n.getAttribute(h).split(J),i=/([.?@])?(.*)/.exec(l);c.push({type:1,index:o,name:i[2],strings:m,ctor:i[1]==="."?xt:i[1]==="?"?Pt:i[1]==="@"?_t:Te}),n.removeAttribute(h)}else h.startsWith(J)&&(c.push({type:6,index:o}),n.removeAttribute(h));if(lt.test(n.tagName)){const h=n.textContent.split(J),l=h.length-1;if(l>0){n.textContent=Re?Re.emptyScript:"";for(let m=0;m<l;m++)n.append(h[m],$e()),ne.nextNode(),c.push({type:2,index:++o});n.append(h[l],$e())}}}else if(n.nodeType===8)if(n.data===dt)c.push({type:2,index:o});else{let h=-1;for(;(h=n.data.indexOf(J,h+1))!==-1;)c.push({type:7,index:o}),h+=J.length-1}o++}}static createElement(t,a){const s=ae.createElement("template");return s.innerHTML=t,s}}function ce(e,t,a=e,s){if(t===ye)return t;let n=s!==void 0?a._$Co?.[s]:a._$Cl;const o=ge(t)?void 0:t._$litDirective$;return n?.constructor!==o&&(n?._$AO?.(!1),o===void 0?n=void 0:(n=new o(e),n._$AT(e,a,s)),s!==void 0?(a._$Co??=[])[s]=n:a._$Cl=n),n!==void 0&&(t=ce(e,n._$AS(e,t.values),n,s)),t}class It{constructor(t,a){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=a}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){const{el:{content:a},parts:s}=this._$AD,n=(t?.creationScope??ae).importNode(a,!0);ne.currentNode=n;let o=ne.nextNode(),d=0,b=0,c=s[0];for(;c!==void 0;){if(d===c.index){let r;c.type===2?r=new we(o,o.nextSibling,this,t):c.type===1?r=new c.ctor(o,c.name,c.strings,this,t):c.type===6&&(r=new Wt(o,this,t)),this._$AV.push(r),c=s[++b]}d!==c?.index&&(o=ne.nextNode(),d++)}return ne.currentNode=ae,n}p(t){let a=0;for(const s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(t,s,a),a+=s.strings.length-2):s._$AI(t[a])),a++}}class we{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,a,s,n){this.type=2,this._$AH=W,this._$AN=void 0,this._$AA=t,this._$AB=a,this._$AM=s,this.options=n,this._$Cv=n?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode;const a=this._$AM;return a!==void 0&&t?.nodeType===11&&(t=a.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,a=this){t=ce(this,t,a),ge(t)?t===W||t==null||t===""?(this._$AH!==W&&this._$AR(),this._$AH=W):t!==this._$AH&&t!==ye&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):Nt(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==W&&ge(this._$AH)?this._$AA.nextSibling.data=t:this.T(ae.createTextNode(t)),this._$AH=t}$(t){const{values:a,_$litType$:s}=t,n=typeof s=="number"?this._$AC(t):(s.el===void 0&&(s.el=ve.createElement(ut(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===n)this._$AH.p(a);else{const o=new It(n,this),d=o.u(this.options);o.p(a),this.T(d),this._$AH=o}}_$AC(t){let a=tt.get(t.strings);return a===void 0&&tt.set(t.strings,a=new ve(t)),a}k(t){We(this._$AH)||(this._$AH=[],this._$AR());const a=this._$AH;let s,n=0;for(const o of t)n===a.length?a.push(s=new we(this.O($e()),this.O($e()),this,this.options)):s=a[n],s._$AI(o),n++;n<a.length&&(this._$AR(s&&s._$AB.nextSibling,n),a.length=n)}_$AR(t=this._$AA.nextSibling,a){for(this._$AP?.(!1,!0,a);t!==this._$AB;){const s=Ke(t).nextSibling;Ke(t).remove(),t=s}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}}class Te{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,a,s,n,o){this.type=1,this._$AH=W,this._$AN=void 0,this.element=t,this.name=a,this._$AM=n,this.options=o,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=W}_$AI(t,a=this,s,n){const o=this.strings;let d=!1;if(o===void 0)t=ce(this,t,a,0),d=!ge(t)||t!==this._$AH&&t!==ye,d&&(this._$AH=t);else{const b=t;let c,r;for(t=o[0],c=0;c<o.length-1;c++)r=ce(this,b[s+c],a,c),r===ye&&(r=this._$AH[c]),d||=!ge(r)||r!==this._$AH[c],r===W?t=W:t!==W&&(t+=(r??"")+o[c+1]),this._$AH[c]=r}d&&!n&&this.j(t)}j(t){t===W?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}}class xt extends Te{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===W?void 0:t}}class Pt extends Te{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==W)}}class _t extends Te{constructor(t,a,s,n,o){super(t,a,s,n,o),this.type=5}_$AI(t,a=this){if((t=ce(this,t,a,0)??W)===ye)return;const s=this._$AH,n=t===W&&s!==W||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive,o=t!==W&&(s===W||n);n&&this.element.removeEventListener(this.name,this,s),o&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}}class Wt{constructor(t,a,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=a,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(t){ce(this,t)}}const kt=_e.litHtmlPolyfillSupport;kt?.(ve,we),(_e.litHtmlVersions??=[]).push("3.3.3");const B=(e,t,a)=>{const s=t;let n=s._$litPart$;return n===void 0&&(s._$litPart$=n=new we(t.insertBefore($e(),null),null,void 0,{})),n._$AI(e),n};function O(e){return e===null?"null":Array.isArray(e)?"array":typeof e}function te(e){return O(e)==="object"}function Mt(e){return Array.isArray(e)&&e.length>0&&e.every(t=>"message"in t)}function nt(e,t){return e.length<124?e:t}const Ot="graphql-transport-ws";var V=(e=>(e[e.InternalServerError=4500]="InternalServerError",e[e.InternalClientError=4005]="InternalClientError",e[e.BadRequest=4400]="BadRequest",e[e.BadResponse=4004]="BadResponse",e[e.Unauthorized=4401]="Unauthorized",e[e.Forbidden=4403]="Forbidden",e[e.SubprotocolNotAcceptable=4406]="SubprotocolNotAcceptable",e[e.ConnectionInitialisationTimeout=4408]="ConnectionInitialisationTimeout",e[e.ConnectionAcknowledgementTimeout=4504]="ConnectionAcknowledgementTimeout",e[e.SubscriberAlreadyExists=4409]="SubscriberAlreadyExists",e[e.TooManyInitialisationRequests=4429]="TooManyInitialisationRequests",e))(V||{}),U=(e=>(e.ConnectionInit="connection_init",e.ConnectionAck="connection_ack",e.Ping="ping",e.Pong="pong",e.Subscribe="subscribe",e.Next="next",e.Error="error",e.Complete="complete",e))(U||{});function mt(e){if(!te(e))throw new Error(`Message is expected to be an object, but got ${O(e)}`);if(!e.type)throw new Error("Message is missing the 'type' property");if(typeof e.type!="string")throw new Error(`Message is expects the 'type' property to be a string, but got ${O(e.type)}`);switch(e.type){case"connection_init":case"connection_ack":case"ping":case"pong":{if(e.payload!=null&&!te(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an object or nullish or missing, but got "${e.payload}"`);break}case"subscribe":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${O(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);if(!te(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an object, but got ${O(e.payload)}`);if(typeof e.payload.query!="string")throw new Error(`"${e.type}" message payload expects the 'query' property to be a string, but got ${O(e.payload.query)}`);if(e.payload.variables!=null&&!te(e.payload.variables))throw new Error(`"${e.type}" message payload expects the 'variables' property to be a an object or nullish or missing, but got ${O(e.payload.variables)}`);if(e.payload.operationName!=null&&O(e.payload.operationName)!=="string")throw new Error(`"${e.type}" message payload expects the 'operationName' property to be a string or nullish or missing, but got ${O(e.payload.operationName)}`);if(e.payload.extensions!=null&&!te(e.payload.extensions))throw new Error(`"${e.type}" message payload expects the 'extensions' property to be a an object or nullish or missing, but got ${O(e.payload.extensions)}`);break}case"next":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${O(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);if(!te(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an object, but got ${O(e.payload)}`);break}case"error":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${O(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);if(!Mt(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an array of GraphQL errors, but got ${JSON.stringify(e.payload)}`);break}case"complete":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${O(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);break}default:throw new Error(`Invalid message 'type' property "${e.type}"`)}return e}function Ft(e,t){return mt(typeof e=="string"?JSON.parse(e,t):e)}function pe(e,t){return mt(e),JSON.stringify(e,t)}function Bt(e){const{url:t,connectionParams:a,lazy:s=!0,onNonLazyError:n=console.error,lazyCloseTimeout:o=0,keepAlive:d=0,disablePong:b,connectionAckWaitTimeout:c=0,retryAttempts:r=5,retryWait:f=async function(T){const w=Math.pow(2,T);await new Promise(D=>setTimeout(D,w*1e3+Math.floor(Math.random()*2700+300)))},shouldRetry:h=xe,on:l,webSocketImpl:m,generateID:i=function(){return"xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g,T=>{const w=Math.random()*16|0;return(T=="x"?w:w&3|8).toString(16)})},jsonMessageReplacer:p,jsonMessageReviver:$}=e;let R;if(m){if(!Ut(m))throw new Error("Invalid WebSocket implementation provided");R=m}else typeof WebSocket<"u"?R=WebSocket:typeof global<"u"?R=global.WebSocket||global.MozWebSocket:typeof window<"u"&&(R=window.WebSocket||window.MozWebSocket);if(!R)throw new Error("WebSocket implementation missing; on Node you can `import WebSocket from 'ws';` and pass `webSocketImpl: WebSocket` to `createClient`");const _=R,q=(()=>{const A=(()=>{const w={};return{on(D,E){return w[D]=E,()=>{delete w[D]}},emit(D){"id"in D&&w[D.id]?.(D)}}})(),T={connecting:l?.connecting?[l.connecting]:[],opened:l?.opened?[l.opened]:[],connected:l?.connected?[l.connected]:[],ping:l?.ping?[l.ping]:[],pong:l?.pong?[l.pong]:[],message:l?.message?[A.emit,l.message]:[A.emit],closed:l?.closed?[l.closed]:[],error:l?.error?[l.error]:[]};return{onMessage:A.on,on(w,D){const E=T[w];return E.push(D),()=>{const I=E.indexOf(D);I>-1&&E.splice(I,1)}},emit(w,...D){for(const E of[...T[w]])E(...D)}}})();function v(A){const T=[q.on("error",w=>{T.forEach(D=>D()),A(w)}),q.on("closed",w=>{T.forEach(D=>D()),A(w)})];return()=>T.forEach(w=>w())}let g,P=0,ue,y=!1,ie=0,He=!1;async function je(){clearTimeout(ue);const[A,T]=await(g??(g=new Promise((E,I)=>(async()=>{if(y){if(await f(ie),!P)return g=void 0,I({code:1e3,reason:"All Subscriptions Gone"});ie++}q.emit("connecting",y);const S=new _(typeof t=="function"?await t():t,Ot);let Y,re;function Ae(){isFinite(d)&&d>0&&(clearTimeout(re),re=setTimeout(()=>{S.readyState===_.OPEN&&(S.send(pe({type:U.Ping})),q.emit("ping",!1,void 0))},d))}v(M=>{g=void 0,clearTimeout(Y),clearTimeout(re),I(M),M instanceof at&&(S.close(4499,"Terminated"),S.onerror=null,S.onclose=null)}),S.onerror=M=>q.emit("error",M),S.onclose=M=>q.emit("closed",M),S.onopen=async()=>{try{q.emit("opened",S);const M=typeof a=="function"?await a():a;if(S.readyState!==_.OPEN)return;S.send(pe(M?{type:U.ConnectionInit,payload:M}:{type:U.ConnectionInit},p)),isFinite(c)&&c>0&&(Y=setTimeout(()=>{S.close(V.ConnectionAcknowledgementTimeout,"Connection acknowledgement timeout")},c)),Ae()}catch(M){q.emit("error",M),S.close(V.InternalClientError,nt(M instanceof Error?M.message:String(M),"Internal client error"))}};let oe=!1;S.onmessage=({data:M})=>{try{const k=Ft(M,$);if(q.emit("message",k),k.type==="ping"||k.type==="pong"){q.emit(k.type,!0,k.payload),k.type==="pong"?Ae():b||(S.send(pe(k.payload?{type:U.Pong,payload:k.payload}:{type:U.Pong},p)),q.emit("pong",!1,k.payload));return}if(oe)return;if(k.type!==U.ConnectionAck)throw new Error(`First message cannot be of type ${k.type}`);clearTimeout(Y),oe=!0,q.emit("connected",S,k.payload,y),y=!1,ie=0;const Ye=new Promise((Sa,Lt)=>v(Lt));Ye.catch(()=>{}),E([S,Ye])}catch(k){S.onmessage=null,q.emit("error",k),S.close(V.BadResponse,nt(k instanceof Error?k.message:String(k),"Bad response"))}}})())));A.readyState===_.CLOSING&&await T;let w=()=>{};const D=new Promise(E=>w=E);return[A,w,new Promise((E,I)=>{const S=v(I);A.readyState!==_.OPEN&&T.catch(I),D.then(()=>{if(S(),!P){const Y=()=>A.close(1e3,"Normal Closure");isFinite(o)&&o>0?(clearTimeout(ue),ue=setTimeout(()=>{!P&&A.readyState===_.OPEN&&Y()},o)):Y()}E()})})]}function Ge(A){if(xe(A)&&(Vt(A.code)||[V.InternalServerError,V.InternalClientError,V.BadRequest,V.BadResponse,V.Unauthorized,V.SubprotocolNotAcceptable,V.SubscriberAlreadyExists,V.TooManyInitialisationRequests].includes(A.code)))throw A;if(He)return!1;if(xe(A)&&A.code===1e3)return P>0;if(!r||ie>=r||!h(A))throw A;return y=!0}s||(async()=>{for(P++;;)try{const[,,A]=await je();await A}catch(A){try{if(!Ge(A))return}catch(T){return n?.(T)}}})();function ze(A,T){const w=i(A);let D=!1,E=!1,I=()=>{P--,D=!0};return(async()=>{for(P++;;)try{const[S,Y,re]=await je();if(D)return re.catch(()=>{}),Y();const Ae=q.onMessage(w,oe=>{switch(oe.type){case U.Next:{T.next(oe.payload);return}case U.Error:{E=!0,D=!0,T.error(oe.payload),I();return}case U.Complete:{D=!0,I();return}}});S.send(pe({id:w,type:U.Subscribe,payload:A},p)),I=()=>{!D&&S.readyState===_.OPEN&&S.send(pe({id:w,type:U.Complete},p)),P--,D=!0,Y()},await re.finally(Ae);return}catch(S){if(!Ge(S))return}})().then(()=>{E||T.complete()}).catch(S=>{T.error(S)}),()=>{D||I()}}return{on:q.on,subscribe:ze,iterate(A){const T=[],w={done:!1,error:null,resolve:()=>{}},D=ze(A,{next(I){T.push(I),w.resolve()},error(I){w.done=!0,w.error=I,w.resolve()},complete(){w.done=!0,w.resolve()}}),E=(async function*(){for(;;){for(T.length||await new Promise(S=>w.resolve=S);T.length;)yield T.shift();if(w.error)throw w.error;if(w.done)return}})();return E.throw=async I=>(w.done||(w.done=!0,w.error=I,w.resolve()),{done:!0,value:void 0}),E.return=async()=>(D(),{done:!0,value:void 0}),E},async dispose(){if(He=!0,g){const[A]=await g;A.close(1e3,"Normal Closure")}},terminate(){g&&q.emit("closed",new at)}}}class at extends Error{name="TerminatedCloseEvent";message="4499: Terminated";code=4499;reason="Terminated";wasClean=!1}function xe(e){return te(e)&&"code"in e&&"reason"in e}function Vt(e){return[1e3,1001,1006,1005,1012,1013,1014].includes(e)?!1:e>=1e3&&e<=1999}function Ut(e){return typeof e=="function"&&"constructor"in e&&"CLOSED"in e&&"CLOSING"in e&&"CONNECTING"in e&&"OPEN"in e}const ke=window.location.pathname.split("/"),Le=ke.indexOf("app",2),Ht=decodeURIComponent(Le>1?ke[Le-1]:"saint-ismier"),pt=`${Le>1?ke.slice(0,Le).join("/"):"/saint-ismier"}/graphql`,jt=`${window.location.protocol==="https:"?"wss":"ws"}://${window.location.host}${pt}`,Gt=document.querySelector('meta[name="creneau-trusted-documents"]')?.content==="require";function ft(e,t){const a=e.__meta__?.hash;return Gt&&a?{query:"",documentId:a,variables:t}:{query:e.toString(),variables:t}}const Me="creneau.token",Oe="creneau.role",Fe="creneau.name";class fe extends Error{constructor(t,a){super(t),this.code=a,this.name="ApiError"}code}function le(){const e=sessionStorage.getItem(Me);if(e)return{token:e,role:sessionStorage.getItem(Oe)??"PARENT",name:sessionStorage.getItem(Fe)??""}}function zt(e){sessionStorage.setItem(Me,e.token),sessionStorage.setItem(Oe,e.role),sessionStorage.setItem(Fe,e.name),ht()}function Be(){sessionStorage.removeItem(Me),sessionStorage.removeItem(Oe),sessionStorage.removeItem(Fe),ht()}function bt(e){return e?.role==="STAFF"||e?.role==="ADMIN"}async function L(e,t){const a={"content-type":"application/json",accept:"application/graphql-response+json, application/json;q=0.9"},s=le()?.token;s&&(a.authorization=`Bearer ${s}`);let n;try{n=await fetch(pt,{method:"POST",headers:a,body:JSON.stringify(ft(e,t),(b,c)=>b==="query"&&c===""?void 0:c)})}catch{throw new fe("Le serveur ne répond pas. Vérifiez votre connexion.","NETWORK")}let o;try{o=await n.json()}catch{throw new fe(`Réponse inattendue du serveur (HTTP ${n.status}).`,void 0)}const d=o.errors?.[0];if(d)throw d.extensions?.code==="UNAUTHENTICATED"&&s&&(Be(),window.location.hash="#/connexion"),new fe(d.message,d.extensions?.code);if(o.data==null)throw new fe(`Réponse vide du serveur (HTTP ${n.status}).`,void 0);return o.data}let be;function ht(){const e=be;be=void 0,e?.dispose()}function Yt(){return be||(be=Bt({url:jt,lazy:!0,connectionParams:()=>{const e=le()?.token;return e?{authToken:e}:{}},retryAttempts:0})),be}function Ee(e,t,a,s,n=()=>{}){let o=t.after??null,d=!1,b=()=>{};const c=()=>{b=Yt().subscribe(ft(e,{...t,after:o}),{next:r=>{const f=r.errors?.[0];f?n(f.message):r.data&&(o=a(r.data),s(r.data))},error:r=>{if(Array.isArray(r)){n(r[0]?.message??"Abonnement refusé.");return}if(r?.code===4403){d=!0,Be(),window.location.hash="#/connexion";return}d||setTimeout(()=>!d&&c(),3e3)},complete:()=>{}})};return c(),()=>{d=!0,b()}}async function Kt(e,t){const a=le()?.token,s=await fetch(e,{headers:a?{authorization:`Bearer ${a}`}:{}});if(!s.ok)throw new fe(`Téléchargement impossible (HTTP ${s.status}).`,void 0);const n=URL.createObjectURL(await s.blob()),o=document.createElement("a");o.href=n,o.download=t,document.body.append(o),o.click(),o.remove(),setTimeout(()=>URL.revokeObjectURL(n),6e4)}class C extends String{__apiType;value;__meta__;constructor(t,a){super(t),this.value=t,this.__meta__=a}toString(){return this.value}}const Zt=new C(`
    mutation WebLogin($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) {
    token
    account {
      firstName
      lastName
      role
    }
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:bdd851576152e572d866746a41108db151641fe0ae47185d8e8bdae25f26494e"}),Jt=new C(`
    mutation WebLogout {
  logout {
    ok
  }
}
    `,{hash:"sha256:97c59e7946d02b8e99f4dda689af12c2401b143d06b396d21f087b20946ed332"}),Qt=new C(`
    query WebViewer {
  viewer {
    unreadMessageCount
  }
  collectivity {
    name
    serviceName
  }
}
    `,{hash:"sha256:f7b05a7826c8bc557ff3a3d97d28dad2bfc7647fc228467f24e553efe16e0b6b"}),Xt=new C(`
    query WebFamilyChildren {
  viewer {
    family {
      id
      children {
        id
        firstName
        lastName
        registrations {
          id
          status
          startDate
          endDate
          activity {
            id
            name
            code
            slots {
              id
              weekday
              startTime
              endTime
            }
          }
        }
      }
    }
  }
}
    `,{hash:"sha256:3bae1623cee281c36c615ed3a410f333ab914fb3229da4ad36ee2f1311539db9"}),en=new C(`
    query WebPlanning($from: Date!, $to: Date!, $children: [ID!]) {
  planning(range: {gte: $from, lte: $to}, children: $children) {
    occurrences {
      slotId
      date
      startTime
      endTime
      status
      statusLabel
      canReserve
      reserveBlocker
      reserveWouldWaitList
      canCancel
      absenceWouldBeBilled
      child {
        id
        firstName
      }
      activity {
        id
        name
      }
    }
  }
}
    `,{hash:"sha256:e4fbc00dd521bbae70aae90c59bd14bdd2cc62584bd276d44be51facdfdff1f7"}),tn=new C(`
    mutation WebReservationPreview($input: ReservationRequestCreateInput!) {
  reservationRequestPreview(input: $input) {
    lines {
      date
      outcome
      outcomeLabel
      message
      priceCents
      absenceWouldBeBilled
      child {
        firstName
      }
      slot {
        startTime
        endTime
      }
    }
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:5639de3463ab05de2acc67ea1746ce2d4944626d18d1196d8bd8c65ebc78b8af"}),nn=new C(`
    mutation WebReservationCreate($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) {
    request {
      id
      referenceLabel
      statusLabel
    }
    lines {
      date
      outcome
      outcomeLabel
      message
    }
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:4ecf82079b1af18d304c67906669c38433e8eb3b4b8c566d0b3f305454fcee97"}),an=new C(`
    mutation WebAbsencePreview($input: AbsenceRequestCreateInput!) {
  absenceRequestPreview(input: $input) {
    lines {
      date
      outcome
      outcomeLabel
      message
      priceCents
      absenceWouldBeBilled
      child {
        firstName
      }
      slot {
        startTime
        endTime
      }
    }
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:8af3265acdf405c924c8531ed24cf803f62f312af537c363eb236f2dacc9c3ad"}),sn=new C(`
    mutation WebAbsenceCreate($input: AbsenceRequestCreateInput!) {
  absenceRequestCreate(input: $input) {
    request {
      id
      referenceLabel
      statusLabel
    }
    lines {
      date
      outcome
      outcomeLabel
      message
    }
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:46b85cc04a75b5ab596037ef2d3fade100f125ef070d214725f030b778b1ab0f"}),rn=new C(`
    query WebRequests($where: RequestFilter, $order: RequestOrder!, $first: Int!) {
  requests(where: $where, order: $order, first: $first) {
    totalCount
    edges {
      node {
        id
        referenceLabel
        type
        typeLabel
        status
        statusLabel
        createdAt
        periodStart
        periodEnd
        unreadMessageCount
        child {
          firstName
          lastName
        }
        activity {
          name
        }
        family {
          name
        }
        lines {
          id
          date
          actionLabel
          status
          statusLabel
          child {
            firstName
          }
          slot {
            startTime
            endTime
          }
        }
      }
    }
  }
}
    `,{hash:"sha256:78fda22e49de7612a17691f63ec1cb23fc80757daeba68aabe754ec5beffa9b2"}),on=new C(`
    query WebRequestDetail($id: ID!) {
  node(id: $id) {
    ... on Request {
      id
      referenceLabel
      typeLabel
      status
      statusLabel
      createdAt
      periodStart
      periodEnd
      comment
      reason
      unreadMessageCount
      child {
        firstName
        lastName
      }
      activity {
        name
        establishment {
          name
        }
      }
      lines {
        id
        date
        actionLabel
        statusLabel
        message
      }
      changes {
        label
        currentValue
        proposedValue
      }
      history {
        at
        label
        statusLabel
        note
      }
      messages {
        subject
        body
        fromStaff
        createdAt
      }
    }
  }
}
    `,{hash:"sha256:542b86431ef9c47eb28a932f5d6e6df6f04f0cb608321c7b46308060b4138a69"}),cn=new C(`
    mutation WebRequestCancel($request: ID!) {
  requestCancel(input: {request: $request}) {
    errors {
      code
      message
    }
  }
}
    `,{hash:"sha256:a2bb8891c931779eb8e689479f34dc840a1ed4bec265d4e00e4732025fa47808"}),dn=new C(`
    mutation WebMessagePost($input: RequestMessagePostInput!) {
  requestMessagePost(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:d9508a3ade68fb66b30571d7ff52eb47f49db5282cb4ad60f5932249e10061d5"}),ln=new C(`
    mutation WebMessagesMarkRead($requests: [ID!]!) {
  messagesMarkRead(input: {requests: $requests}) {
    errors {
      message
    }
  }
}
    `,{hash:"sha256:a37411cb2e160b9893627a8844d155d2c4b8ea4753a84a03cb73f3beac1dd6fd"}),un=new C(`
    subscription WebRequestStatusChanged($after: String) {
  requestStatusChanged(after: $after) {
    cursor
    step
    stepLabel
    status
    statusLabel
    referenceLabel
    typeLabel
    request {
      id
      status
      statusLabel
    }
  }
}
    `,{hash:"sha256:a0a000d757e993e8b1c686a172252c3f23566cee1c57e35871af40e918fcc21e"}),mn=new C(`
    subscription WebPlanningChanged($after: String) {
  planningChanged(after: $after) {
    cursor
    date
    statusLabel
  }
}
    `,{hash:"sha256:389965ae91f1b6568b246ff0fa80fa80aeb64e788153422759ab61c3e50aa85b"}),pn=new C(`
    query WebInvoices($first: Int!) {
  invoices(first: $first) {
    totalCount
    edges {
      node {
        id
        number
        kindLabel
        issuer
        periodStart
        periodEnd
        issuedOn
        dueOn
        totalCents
        remainingCents
        status
        statusLabel
        canPayOnline
        pdfUrl
        payments {
          operationNumber
          methodLabel
          paidOn
          amountCents
        }
      }
    }
  }
}
    `,{hash:"sha256:9ed8b5a1025c2a49deed9e578d218700810cefbf9a6aafea57c417a0b72de2c0"}),fn=new C(`
    mutation WebPaymentStart($invoice: ID!) {
  invoicePaymentStart(input: {invoice: $invoice}) {
    paymentUrl
    errors {
      code
      message
    }
  }
}
    `,{hash:"sha256:28ecac4450a173380b78eb073cf232e68ae7a52904bc99630a98130812cd0d38"}),bn=new C(`
    query WebFamilyFile {
  viewer {
    family {
      id
      name
      subscriberCode
      statusLabel
      directDebit
      guardians {
        id
        firstName
        lastName
        relationshipLabel
        email
        phone
        mobilePhone
        isPayer
        isAllocataire
        address {
          line1
          postalCode
          city
        }
        pendingChanges {
          label
          currentValue
          proposedValue
        }
      }
      children {
        id
        firstName
        lastName
        birthDate
        gradeLabel
        school {
          name
        }
        pendingChanges {
          label
          currentValue
          proposedValue
        }
      }
      pendingChanges {
        label
        subject
        currentValue
        proposedValue
        request {
          id
          referenceLabel
          statusLabel
        }
      }
    }
  }
}
    `,{hash:"sha256:edc290d4669b7c710216003002ef70aee30d63a1b923cf6b769b8279b8d8effc"}),hn=new C(`
    mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {
  guardianChangeRequestCreate(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:f62d326a0aacb38df2269631e88bd8048741bde7ebdd400f741912f95cd8a915"}),$n=new C(`
    subscription WebStaffInbox($after: String) {
  staffInbox(after: $after) {
    cursor
    step
    stepLabel
    referenceLabel
    request {
      id
      status
    }
  }
}
    `,{hash:"sha256:20fa46666e61d27ad1b0010a2b676c51290bf1b079a87b8fc91f09f99a09e297"}),gn=new C(`
    mutation WebRequestAccept($input: RequestAcceptInput!) {
  requestAccept(input: $input) {
    errors {
      code
      message
    }
  }
}
    `,{hash:"sha256:22eec8c5fab470a835b2551635a09520799e21c83e8e0a1e14d3f26ef6dcd3b6"}),yn=new C(`
    mutation WebRequestRefuse($input: RequestRefuseInput!) {
  requestRefuse(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:eab242912897c87f129e1972ec46c204b2343b5769685c21e5125f5189b1a4ab"}),vn=new C(`
    query WebActivities {
  activities(first: 100) {
    edges {
      node {
        id
        name
        isActive
        schoolYear {
          startDate
          endDate
        }
        establishment {
          name
        }
        slots {
          id
          weekday
          startTime
          endTime
        }
      }
    }
  }
}
    `,{hash:"sha256:98d627a9d39f101b9756d6deb1351f273003c8035a93195a45aa9b4f066ba0dc"}),wn=new C(`
    query WebFamiliesChildren($after: String) {
  families(first: 100, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        name
        children {
          id
        }
      }
    }
  }
}
    `,{hash:"sha256:08fcfedc214128c4da34d87f3d3d1a966206c5fb21c8c9ffd77607b22c994e83"}),An=new C(`
    query WebAttendancePlanning($date: Date!, $children: [ID!], $activities: [ID!]) {
  planning(
    range: {gte: $date, lte: $date}
    children: $children
    activities: $activities
  ) {
    occurrences {
      slotId
      date
      status
      statusLabel
      child {
        id
        firstName
        lastName
      }
    }
  }
}
    `,{hash:"sha256:5386dd6751085c626dd43653b57e35ae22a5dce6a2c4ca036999ece8dd12861e"}),qn=new C(`
    mutation WebAttendanceMark($input: AttendanceMarkInput!) {
  attendanceMark(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:78032914f905d15ffd3d97799db5387bda31f728e46d82d67d8fb2caf5461a10"}),Sn={"\n  mutation WebLogin($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      token\n      account {\n        firstName\n        lastName\n        role\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":Zt,"\n  mutation WebLogout {\n    logout {\n      ok\n    }\n  }\n":Jt,"\n  query WebViewer {\n    viewer {\n      unreadMessageCount\n    }\n    collectivity {\n      name\n      serviceName\n    }\n  }\n":Qt,"\n  query WebFamilyChildren {\n    viewer {\n      family {\n        id\n        children {\n          id\n          firstName\n          lastName\n          registrations {\n            id\n            status\n            startDate\n            endDate\n            activity {\n              id\n              name\n              code\n              slots {\n                id\n                weekday\n                startTime\n                endTime\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n":Xt,"\n  query WebPlanning($from: Date!, $to: Date!, $children: [ID!]) {\n    planning(range: { gte: $from, lte: $to }, children: $children) {\n      occurrences {\n        slotId\n        date\n        startTime\n        endTime\n        status\n        statusLabel\n        canReserve\n        reserveBlocker\n        reserveWouldWaitList\n        canCancel\n        absenceWouldBeBilled\n        child {\n          id\n          firstName\n        }\n        activity {\n          id\n          name\n        }\n      }\n    }\n  }\n":en,"\n  mutation WebReservationPreview($input: ReservationRequestCreateInput!) {\n    reservationRequestPreview(input: $input) {\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n        priceCents\n        absenceWouldBeBilled\n        child {\n          firstName\n        }\n        slot {\n          startTime\n          endTime\n        }\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":tn,"\n  mutation WebReservationCreate($input: ReservationRequestCreateInput!) {\n    reservationRequestCreate(input: $input) {\n      request {\n        id\n        referenceLabel\n        statusLabel\n      }\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":nn,"\n  mutation WebAbsencePreview($input: AbsenceRequestCreateInput!) {\n    absenceRequestPreview(input: $input) {\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n        priceCents\n        absenceWouldBeBilled\n        child {\n          firstName\n        }\n        slot {\n          startTime\n          endTime\n        }\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":an,"\n  mutation WebAbsenceCreate($input: AbsenceRequestCreateInput!) {\n    absenceRequestCreate(input: $input) {\n      request {\n        id\n        referenceLabel\n        statusLabel\n      }\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":sn,"\n  query WebRequests($where: RequestFilter, $order: RequestOrder!, $first: Int!) {\n    requests(where: $where, order: $order, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          referenceLabel\n          type\n          typeLabel\n          status\n          statusLabel\n          createdAt\n          periodStart\n          periodEnd\n          unreadMessageCount\n          child {\n            firstName\n            lastName\n          }\n          activity {\n            name\n          }\n          family {\n            name\n          }\n          lines {\n            id\n            date\n            actionLabel\n            status\n            statusLabel\n            child {\n              firstName\n            }\n            slot {\n              startTime\n              endTime\n            }\n          }\n        }\n      }\n    }\n  }\n":rn,"\n  query WebRequestDetail($id: ID!) {\n    node(id: $id) {\n      ... on Request {\n        id\n        referenceLabel\n        typeLabel\n        status\n        statusLabel\n        createdAt\n        periodStart\n        periodEnd\n        comment\n        reason\n        unreadMessageCount\n        child {\n          firstName\n          lastName\n        }\n        activity {\n          name\n          establishment {\n            name\n          }\n        }\n        lines {\n          id\n          date\n          actionLabel\n          statusLabel\n          message\n        }\n        changes {\n          label\n          currentValue\n          proposedValue\n        }\n        history {\n          at\n          label\n          statusLabel\n          note\n        }\n        messages {\n          subject\n          body\n          fromStaff\n          createdAt\n        }\n      }\n    }\n  }\n":on,"\n  mutation WebRequestCancel($request: ID!) {\n    requestCancel(input: { request: $request }) {\n      errors {\n        code\n        message\n      }\n    }\n  }\n":cn,"\n  mutation WebMessagePost($input: RequestMessagePostInput!) {\n    requestMessagePost(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":dn,"\n  mutation WebMessagesMarkRead($requests: [ID!]!) {\n    messagesMarkRead(input: { requests: $requests }) {\n      errors {\n        message\n      }\n    }\n  }\n":ln,"\n  subscription WebRequestStatusChanged($after: String) {\n    requestStatusChanged(after: $after) {\n      cursor\n      step\n      stepLabel\n      status\n      statusLabel\n      referenceLabel\n      typeLabel\n      request {\n        id\n        status\n        statusLabel\n      }\n    }\n  }\n":un,"\n  subscription WebPlanningChanged($after: String) {\n    planningChanged(after: $after) {\n      cursor\n      date\n      statusLabel\n    }\n  }\n":mn,"\n  query WebInvoices($first: Int!) {\n    invoices(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          kindLabel\n          issuer\n          periodStart\n          periodEnd\n          issuedOn\n          dueOn\n          totalCents\n          remainingCents\n          status\n          statusLabel\n          canPayOnline\n          pdfUrl\n          payments {\n            operationNumber\n            methodLabel\n            paidOn\n            amountCents\n          }\n        }\n      }\n    }\n  }\n":pn,"\n  mutation WebPaymentStart($invoice: ID!) {\n    invoicePaymentStart(input: { invoice: $invoice }) {\n      paymentUrl\n      errors {\n        code\n        message\n      }\n    }\n  }\n":fn,"\n  query WebFamilyFile {\n    viewer {\n      family {\n        id\n        name\n        subscriberCode\n        statusLabel\n        directDebit\n        guardians {\n          id\n          firstName\n          lastName\n          relationshipLabel\n          email\n          phone\n          mobilePhone\n          isPayer\n          isAllocataire\n          address {\n            line1\n            postalCode\n            city\n          }\n          pendingChanges {\n            label\n            currentValue\n            proposedValue\n          }\n        }\n        children {\n          id\n          firstName\n          lastName\n          birthDate\n          gradeLabel\n          school {\n            name\n          }\n          pendingChanges {\n            label\n            currentValue\n            proposedValue\n          }\n        }\n        pendingChanges {\n          label\n          subject\n          currentValue\n          proposedValue\n          request {\n            id\n            referenceLabel\n            statusLabel\n          }\n        }\n      }\n    }\n  }\n":bn,"\n  mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {\n    guardianChangeRequestCreate(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":hn,"\n  subscription WebStaffInbox($after: String) {\n    staffInbox(after: $after) {\n      cursor\n      step\n      stepLabel\n      referenceLabel\n      request {\n        id\n        status\n      }\n    }\n  }\n":$n,"\n  mutation WebRequestAccept($input: RequestAcceptInput!) {\n    requestAccept(input: $input) {\n      errors {\n        code\n        message\n      }\n    }\n  }\n":gn,"\n  mutation WebRequestRefuse($input: RequestRefuseInput!) {\n    requestRefuse(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":yn,"\n  query WebActivities {\n    activities(first: 100) {\n      edges {\n        node {\n          id\n          name\n          isActive\n          schoolYear {\n            startDate\n            endDate\n          }\n          establishment {\n            name\n          }\n          slots {\n            id\n            weekday\n            startTime\n            endTime\n          }\n        }\n      }\n    }\n  }\n":vn,"\n  query WebFamiliesChildren($after: String) {\n    families(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          name\n          children {\n            id\n          }\n        }\n      }\n    }\n  }\n":wn,"\n  query WebAttendancePlanning($date: Date!, $children: [ID!], $activities: [ID!]) {\n    planning(range: { gte: $date, lte: $date }, children: $children, activities: $activities) {\n      occurrences {\n        slotId\n        date\n        status\n        statusLabel\n        child {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n":An,"\n  mutation WebAttendanceMark($input: AttendanceMarkInput!) {\n    attendanceMark(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":qn};function N(e){return Sn[e]??{}}const Dn=N(`
  mutation WebLogin($email: String!, $password: String!) {
    login(input: { email: $email, password: $password }) {
      token
      account {
        firstName
        lastName
        role
      }
      errors {
        code
        message
        field
      }
    }
  }
`),Rn=N(`
  mutation WebLogout {
    logout {
      ok
    }
  }
`),Ln=N(`
  query WebViewer {
    viewer {
      unreadMessageCount
    }
    collectivity {
      name
      serviceName
    }
  }
`),$t=N(`
  query WebFamilyChildren {
    viewer {
      family {
        id
        children {
          id
          firstName
          lastName
          registrations {
            id
            status
            startDate
            endDate
            activity {
              id
              name
              code
              slots {
                id
                weekday
                startTime
                endTime
              }
            }
          }
        }
      }
    }
  }
`),Cn=N(`
  query WebPlanning($from: Date!, $to: Date!, $children: [ID!]) {
    planning(range: { gte: $from, lte: $to }, children: $children) {
      occurrences {
        slotId
        date
        startTime
        endTime
        status
        statusLabel
        canReserve
        reserveBlocker
        reserveWouldWaitList
        canCancel
        absenceWouldBeBilled
        child {
          id
          firstName
        }
        activity {
          id
          name
        }
      }
    }
  }
`),Nn=N(`
  mutation WebReservationPreview($input: ReservationRequestCreateInput!) {
    reservationRequestPreview(input: $input) {
      lines {
        date
        outcome
        outcomeLabel
        message
        priceCents
        absenceWouldBeBilled
        child {
          firstName
        }
        slot {
          startTime
          endTime
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`),Tn=N(`
  mutation WebReservationCreate($input: ReservationRequestCreateInput!) {
    reservationRequestCreate(input: $input) {
      request {
        id
        referenceLabel
        statusLabel
      }
      lines {
        date
        outcome
        outcomeLabel
        message
      }
      errors {
        code
        message
        field
      }
    }
  }
`),En=N(`
  mutation WebAbsencePreview($input: AbsenceRequestCreateInput!) {
    absenceRequestPreview(input: $input) {
      lines {
        date
        outcome
        outcomeLabel
        message
        priceCents
        absenceWouldBeBilled
        child {
          firstName
        }
        slot {
          startTime
          endTime
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`),In=N(`
  mutation WebAbsenceCreate($input: AbsenceRequestCreateInput!) {
    absenceRequestCreate(input: $input) {
      request {
        id
        referenceLabel
        statusLabel
      }
      lines {
        date
        outcome
        outcomeLabel
        message
      }
      errors {
        code
        message
        field
      }
    }
  }
`),gt=N(`
  query WebRequests($where: RequestFilter, $order: RequestOrder!, $first: Int!) {
    requests(where: $where, order: $order, first: $first) {
      totalCount
      edges {
        node {
          id
          referenceLabel
          type
          typeLabel
          status
          statusLabel
          createdAt
          periodStart
          periodEnd
          unreadMessageCount
          child {
            firstName
            lastName
          }
          activity {
            name
          }
          family {
            name
          }
          lines {
            id
            date
            actionLabel
            status
            statusLabel
            child {
              firstName
            }
            slot {
              startTime
              endTime
            }
          }
        }
      }
    }
  }
`),xn=N(`
  query WebRequestDetail($id: ID!) {
    node(id: $id) {
      ... on Request {
        id
        referenceLabel
        typeLabel
        status
        statusLabel
        createdAt
        periodStart
        periodEnd
        comment
        reason
        unreadMessageCount
        child {
          firstName
          lastName
        }
        activity {
          name
          establishment {
            name
          }
        }
        lines {
          id
          date
          actionLabel
          statusLabel
          message
        }
        changes {
          label
          currentValue
          proposedValue
        }
        history {
          at
          label
          statusLabel
          note
        }
        messages {
          subject
          body
          fromStaff
          createdAt
        }
      }
    }
  }
`),Pn=N(`
  mutation WebRequestCancel($request: ID!) {
    requestCancel(input: { request: $request }) {
      errors {
        code
        message
      }
    }
  }
`),_n=N(`
  mutation WebMessagePost($input: RequestMessagePostInput!) {
    requestMessagePost(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`),yt=N(`
  mutation WebMessagesMarkRead($requests: [ID!]!) {
    messagesMarkRead(input: { requests: $requests }) {
      errors {
        message
      }
    }
  }
`),vt=N(`
  subscription WebRequestStatusChanged($after: String) {
    requestStatusChanged(after: $after) {
      cursor
      step
      stepLabel
      status
      statusLabel
      referenceLabel
      typeLabel
      request {
        id
        status
        statusLabel
      }
    }
  }
`),Wn=N(`
  subscription WebPlanningChanged($after: String) {
    planningChanged(after: $after) {
      cursor
      date
      statusLabel
    }
  }
`),kn=N(`
  query WebInvoices($first: Int!) {
    invoices(first: $first) {
      totalCount
      edges {
        node {
          id
          number
          kindLabel
          issuer
          periodStart
          periodEnd
          issuedOn
          dueOn
          totalCents
          remainingCents
          status
          statusLabel
          canPayOnline
          pdfUrl
          payments {
            operationNumber
            methodLabel
            paidOn
            amountCents
          }
        }
      }
    }
  }
`),Mn=N(`
  mutation WebPaymentStart($invoice: ID!) {
    invoicePaymentStart(input: { invoice: $invoice }) {
      paymentUrl
      errors {
        code
        message
      }
    }
  }
`),On=N(`
  query WebFamilyFile {
    viewer {
      family {
        id
        name
        subscriberCode
        statusLabel
        directDebit
        guardians {
          id
          firstName
          lastName
          relationshipLabel
          email
          phone
          mobilePhone
          isPayer
          isAllocataire
          address {
            line1
            postalCode
            city
          }
          pendingChanges {
            label
            currentValue
            proposedValue
          }
        }
        children {
          id
          firstName
          lastName
          birthDate
          gradeLabel
          school {
            name
          }
          pendingChanges {
            label
            currentValue
            proposedValue
          }
        }
        pendingChanges {
          label
          subject
          currentValue
          proposedValue
          request {
            id
            referenceLabel
            statusLabel
          }
        }
      }
    }
  }
`),Fn=N(`
  mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {
    guardianChangeRequestCreate(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`),Bn=N(`
  subscription WebStaffInbox($after: String) {
    staffInbox(after: $after) {
      cursor
      step
      stepLabel
      referenceLabel
      request {
        id
        status
      }
    }
  }
`),Vn=N(`
  mutation WebRequestAccept($input: RequestAcceptInput!) {
    requestAccept(input: $input) {
      errors {
        code
        message
      }
    }
  }
`),Un=N(`
  mutation WebRequestRefuse($input: RequestRefuseInput!) {
    requestRefuse(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`),Hn=N(`
  query WebActivities {
    activities(first: 100) {
      edges {
        node {
          id
          name
          isActive
          schoolYear {
            startDate
            endDate
          }
          establishment {
            name
          }
          slots {
            id
            weekday
            startTime
            endTime
          }
        }
      }
    }
  }
`),jn=N(`
  query WebFamiliesChildren($after: String) {
    families(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          name
          children {
            id
          }
        }
      }
    }
  }
`),Gn=N(`
  query WebAttendancePlanning($date: Date!, $children: [ID!], $activities: [ID!]) {
    planning(range: { gte: $date, lte: $date }, children: $children, activities: $activities) {
      occurrences {
        slotId
        date
        status
        statusLabel
        child {
          id
          firstName
          lastName
        }
      }
    }
  }
`),zn=N(`
  mutation WebAttendanceMark($input: AttendanceMarkInput!) {
    attendanceMark(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`);function Yn(){const e=window.location.hash.replace(/^#/,"")||"/",[t="/",a=""]=e.split("?");return{path:t,params:new URLSearchParams(a)}}function F(e,t={}){const a=new URLSearchParams;for(const[n,o]of Object.entries(t))o&&a.set(n,o);const s=a.toString();return`#${e}${s?`?${s}`:""}`}function K(e,t={}){window.location.hash=F(e,t)}const wt=[{code:"AVAILABLE",symbol:"+",legend:"Réservable"},{code:"RESERVED",symbol:"✓",legend:"Activité réservée"},{code:"PRESENT",symbol:"●",legend:"Enfant présent"},{code:"PENDING",symbol:"…",legend:"Demande en attente de validation"},{code:"WAITING_LIST",symbol:"☰",legend:"Enfant en liste d'attente"},{code:"ABSENT",symbol:"✗",legend:"Enfant absent à cette activité"},{code:"ABSENT_BILLED",symbol:"€",legend:"Absence facturée"}];function Kn(e){return wt.find(t=>t.code===e)?.symbol??""}function Zn(){return u`<section class="legend" aria-labelledby="legend-title">
    <h2 id="legend-title" class="small-title">Légende</h2>
    <ul>
      ${wt.map(e=>u`<li><span class="slot status-${e.code}" aria-hidden="true">${e.symbol}</span> ${e.legend}</li>`)}
    </ul>
  </section>`}function j(e){return e?u`<p class="error" role="alert">${e}</p>`:""}function Z(){return u`<p class="muted" role="status">Chargement…</p>`}function G(e){const t=document.getElementById("live-region");t&&(t.textContent=e)}function X(){const e=document.querySelector("main h1");e&&(e.tabIndex=-1,e.focus())}function x(e){return e instanceof Error?e.message:String(e)}function Jn(e,t){let a,s=!1;async function n(d){d.preventDefault();const b=new FormData(d.target);s=!0,a=void 0,o();try{const{login:c}=await L(Dn,{email:String(b.get("email")??""),password:String(b.get("password")??"")}),r=c.errors[0];if(r||!c.token||!c.account)a=r?.message??"Connexion refusée.";else{const f=c.account.role;zt({token:c.token,role:f,name:`${c.account.firstName} ${c.account.lastName}`}),K(f==="STAFF"||f==="ADMIN"?"/agent/demandes":"/planning");return}}catch(c){a=x(c)}s=!1,o(),e.querySelector("#email")?.focus()}function o(){B(u`<h1>${t?"Espace agents":"Connexion à l'espace famille"}</h1>
        <form class="card narrow" @submit=${d=>{n(d)}}>
          ${j(a)}
          <label for="email">Adresse e-mail</label>
          <input id="email" name="email" type="email" autocomplete="username" required />
          <label for="password">Mot de passe</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
          <button type="submit" ?disabled=${s}>${s?"Connexion…":"Se connecter"}</button>
        </form>
        <p class="muted">
          ${t?u`Vous êtes parent ? <a href="#/connexion">Espace famille</a>`:u`Vous êtes agent de la collectivité ? <a href="#/agent">Espace agents</a>`}
        </p>`,e)}return o(),e.querySelector("#email")?.focus(),()=>{}}const Qn=new Intl.NumberFormat("fr-FR",{style:"currency",currency:"EUR"}),Xn=new Intl.DateTimeFormat("fr-FR",{weekday:"long",day:"numeric",month:"long",timeZone:"UTC"}),ea=new Intl.DateTimeFormat("fr-FR",{weekday:"short",day:"2-digit",month:"2-digit",timeZone:"UTC"}),ta=new Intl.DateTimeFormat("fr-FR",{timeZone:"UTC"}),na=new Intl.DateTimeFormat("fr-FR",{month:"long",year:"numeric",timeZone:"UTC"}),aa=new Intl.DateTimeFormat("fr-FR",{dateStyle:"medium",timeStyle:"short",timeZone:"Europe/Paris"});function se(e){return new Date(`${e}T00:00:00Z`)}function he(e){return e==null?"—":Qn.format(e/100)}function Q(e){return Xn.format(se(e))}function sa(e){return ea.format(se(e))}function z(e){return e?ta.format(se(e)):"—"}function Ce(e){return aa.format(new Date(e))}function H(e){return e.slice(0,5)}function Pe(e){return na.format(se(`${e}-01`))}function Ve(){return new Intl.DateTimeFormat("en-CA",{timeZone:"Europe/Paris"}).format(new Date)}function qe(e,t){const a=se(`${e}-01`);return a.setUTCMonth(a.getUTCMonth()+t),a.toISOString().slice(0,7)}function ia(e){const t=se(`${e}-01`);return t.setUTCMonth(t.getUTCMonth()+1,0),t.toISOString().slice(0,10)}const Ue=[["MONDAY","lundi"],["TUESDAY","mardi"],["WEDNESDAY","mercredi"],["THURSDAY","jeudi"],["FRIDAY","vendredi"],["SATURDAY","samedi"],["SUNDAY","dimanche"]];function ra(e){const t=(se(e).getUTCDay()+6)%7;return Ue[t][0]}function oa(e){return Ue.find(([t])=>t===e)?.[1]??e}function de(){const e=crypto.getRandomValues(new Uint8Array(16));return Array.from(e,t=>t.toString(16).padStart(2,"0")).join("")}const ca={DEADLINE_PASSED:"délai dépassé",ALREADY_RESERVED:"déjà réservé",NOT_RESERVED:"pas de réservation",PENDING_REQUEST:"demande en cours",STARTED:"activité commencée",NOT_REGISTERED:"pas d'inscription",OUTSIDE_REGISTRATION_PERIOD:"hors période d'inscription",CLOSED_DAY:"jour de fermeture",NOT_ELIGIBLE:"non éligible",EXCLUSIVE_SLOT_TAKEN:"un autre créneau du groupe est réservé",SLOT_FULL:"complet",MONTHLY_LIMIT_REACHED:"nombre de jours du mois atteint"};function da(e,t){const a=t.get("mois")??Ve().slice(0,7),s=t.get("enfant")??"";let n=[],o,d,b=!0,c;async function r(){try{const[i,p]=await Promise.all([n.length?void 0:L($t,{}),L(Cn,{from:`${a}-01`,to:ia(a),children:s?[s]:null})]);i&&(n=i.viewer.family?.children??[]),o=p.planning.occurrences,d=void 0}catch(i){d=x(i)}l(),b&&o&&(b=!1,performance.mark("creneau:planning-rendered"),e.querySelector(".planning")?.setAttribute("data-rendered","1"))}function f(i){const p=`${i.activity.name}, ${H(i.startTime)} – ${H(i.endTime)}, ${i.child.firstName} : ${i.statusLabel}`,$=u`<span class="symbol" aria-hidden="true">${Kn(i.status)}</span>
      <span class="slot-name">${i.activity.name}</span>
      <span class="slot-time">${H(i.startTime)} – ${H(i.endTime)}</span>
      <span class="slot-child">${i.child.firstName}</span>`,R={enfant:i.child.id,activite:i.activity.id,date:i.date,creneau:i.slotId};if(i.canReserve){const q=i.reserveWouldWaitList?" (liste d'attente)":"";return u`<a
        class="slot status-${i.status}"
        href=${F("/reservation",R)}
        aria-label=${`${p}. Réserver${q}`}
        title=${`${i.statusLabel} — réserver${q}`}
        >${$}</a
      >`}if(i.canCancel){const q=i.absenceWouldBeBilled?" (absence facturée)":"";return u`<a
        class="slot status-${i.status}"
        href=${F("/absence",R)}
        aria-label=${`${p}. Déclarer une absence${q}`}
        title=${`${i.statusLabel} — déclarer une absence${q}`}
        >${$}</a
      >`}const _=i.reserveBlocker&&i.status==="AVAILABLE"?` (${ca[i.reserveBlocker]??i.reserveBlocker})`:"";return u`<div class="slot status-${i.status}" title=${i.statusLabel+_}>
      ${$}<span class="visually-hidden">: ${i.statusLabel}${_}</span>
    </div>`}function h(){if(!o)return Z();if(!o.length)return u`<p>Aucune activité ce mois-ci.</p>`;const i=new Map;for(const p of o)i.set(p.date,[...i.get(p.date)??[],p]);return u`<ol class="days">
      ${[...i.entries()].map(([p,$])=>u`<li class="day">
          <h3>${Q(p)}</h3>
          <ul>
            ${$.map(R=>u`<li>${f(R)}</li>`)}
          </ul>
        </li>`)}
    </ol>`}function l(){B(u`<h1>Planning des activités — ${Pe(a)}</h1>
        <div class="toolbar">
          <a class="button secondary" href=${F("/planning",{mois:qe(a,-1),enfant:s})}
            >← <span class="visually-hidden">Mois précédent : </span>${Pe(qe(a,-1))}</a
          >
          <a class="button secondary" href=${F("/planning",{mois:qe(a,1),enfant:s})}
            ><span class="visually-hidden">Mois suivant : </span>${Pe(qe(a,1))} →</a
          >
          <label for="child-filter">Enfant</label>
          <select
            id="child-filter"
            @change=${i=>K("/planning",{mois:a,enfant:i.target.value})}
          >
            <option value="" ?selected=${!s}>Tous les enfants</option>
            ${n.map(i=>u`<option value=${i.id} ?selected=${i.id===s}>${i.firstName}</option>`)}
          </select>
          <a class="button" href=${F("/reservation",{enfant:s})}>Réservations</a>
          <a class="button" href=${F("/absence",{enfant:s})}>Absences</a>
        </div>
        ${j(d)} ${Zn()}
        <section class="planning" aria-label="Planning du mois">${h()}</section>`,e)}l(),X(),r();const m=Ee(Wn,{after:null},i=>i.planningChanged.cursor,()=>{window.clearTimeout(c),c=window.setTimeout(()=>{r()},300)});return()=>{window.clearTimeout(c),m()}}function st(e,t,a){const s=t.get("date")??"",n={child:t.get("enfant")??"",activity:t.get("activite")??"",from:s,to:s,weekdays:[],slot:t.get("creneau")??"",text:""};let o,d,b,c,r=!1,f=de();const h=a==="reservation"?"Réservation d'activité":"Déclaration d'absence";function l(){const v=o?.find(P=>P.id===n.child),g=Ve();return(v?.registrations??[]).filter(P=>P.status==="ACTIVE"&&P.endDate>=g)}function m(){const v=n.from===n.to,g={children:[n.child],activity:n.activity,slots:n.slot?[n.slot]:null,idempotencyKey:f,...v?{date:n.from}:{dates:{gte:n.from,lte:n.to}},...!v&&n.weekdays.length?{weekdays:n.weekdays}:{}};return a==="absence"?{...g,reason:n.text||null}:{...g,comment:n.text||null}}async function i(){r=!0,c=void 0,b=void 0,q();try{const v={input:m()};d=a==="reservation"?(await L(Nn,v)).reservationRequestPreview:(await L(En,v)).absenceRequestPreview,G(`Aperçu : ${d.lines.length} date(s).`)}catch(v){c=x(v)}r=!1,q(),e.querySelector("#preview-title")?.focus()}async function p(){r=!0,c=void 0,q();try{const v={input:m()};b=a==="reservation"?(await L(Tn,v)).reservationRequestCreate:(await L(In,v)).absenceRequestCreate,d=void 0,f=de(),G(b.request?`Demande ${b.request.referenceLabel} enregistrée.`:"Demande refusée.")}catch(v){c=x(v)}r=!1,q(),e.querySelector("#result-title")?.focus()}function $(v,g){v==="weekdays"?n.weekdays=n.weekdays.includes(g)?n.weekdays.filter(P=>P!==g):[...n.weekdays,g]:n[v]=g,v==="child"&&(n.activity="",n.slot=""),v==="activity"&&(n.slot=""),v==="from"&&(!n.to||n.to<g)&&(n.to=g),d=void 0,b=void 0,q()}function R(){if(!d)return"";const v=d.errors.length===0&&d.lines.some(g=>g.outcome!=="REJECTED");return u`<section class="card" aria-labelledby="preview-title">
      <h2 id="preview-title" tabindex="-1">Aperçu de la demande</h2>
      ${d.errors.map(g=>u`<p class="error" role="alert">${g.message}</p>`)}
      ${d.lines.length?u`<div class="table-wrap"><table class="stack">
            <caption class="visually-hidden">Résultat prévu pour chaque date</caption>
            <thead><tr><th scope="col">Date</th><th scope="col">Créneau</th><th scope="col">Résultat</th><th scope="col">Prix</th><th scope="col">Détail</th></tr></thead>
            <tbody>
              ${d.lines.map(g=>u`<tr class=${`outcome-${g.outcome}`}>
                  <td data-label="Date">${sa(g.date)}</td>
                  <td data-label="Créneau">${g.slot?`${H(g.slot.startTime)} – ${H(g.slot.endTime)}`:"—"}</td>
                  <td data-label="Résultat">${g.outcomeLabel}</td>
                  <td data-label=${a==="absence"?"Facturation":"Prix"}>${a==="absence"?g.absenceWouldBeBilled?"facturée":"non facturée":he(g.priceCents)}</td>
                  <td data-label="Détail">${g.message}</td>
                </tr>`)}
            </tbody>
          </table></div>
          ${a==="reservation"?u`<p>
                ${d.lines.filter(g=>g.outcome!=="REJECTED").length} date(s) sur
                ${d.lines.length} — montant estimé :
                <strong>${he(d.lines.filter(g=>g.outcome!=="REJECTED").reduce((g,P)=>g+(P.priceCents??0),0))}</strong>
              </p>`:""}`:""}
      ${v?u`<button type="button" class="primary" ?disabled=${r} @click=${()=>{p()}}>
            Confirmer la demande
          </button>`:u`<p>Aucune date ne peut être demandée : modifiez votre choix.</p>`}
    </section>`}function _(){return b?u`<section class="card success" aria-labelledby="result-title">
      <h2 id="result-title" tabindex="-1">
        ${b.request?`Demande ${b.request.referenceLabel} : ${b.request.statusLabel}`:"Demande non enregistrée"}
      </h2>
      ${b.errors.map(v=>u`<p class="error" role="alert">${v.message}</p>`)}
      <ul>
        ${b.lines.map(v=>u`<li>${Q(v.date)} : ${v.outcomeLabel}${v.message?` — ${v.message}`:""}</li>`)}
      </ul>
      <p><a href=${F("/demandes")}>Suivre mes demandes</a> · <a href=${F("/planning",{mois:n.from.slice(0,7)})}>Retour au planning</a></p>
    </section>`:""}function q(){if(!o){B(u`<h1>${h}</h1>${j(c)}${Z()}`,e);return}const v=l(),g=v.find(y=>y.activity.id===n.activity)?.activity,P=n.from!==""&&n.to!==""&&n.from!==n.to,ue=n.child&&n.activity&&n.from&&n.to;B(u`<h1>${h}</h1>
        <form class="card" @submit=${y=>{y.preventDefault(),i()}}>
          ${j(c)}
          <label for="f-child">1. Enfant</label>
          <select id="f-child" required @change=${y=>$("child",y.target.value)}>
            <option value="" ?selected=${!n.child}>Choisir un enfant</option>
            ${o.map(y=>u`<option value=${y.id} ?selected=${y.id===n.child}>${y.firstName} ${y.lastName}</option>`)}
          </select>
          <label for="f-activity">2. Activité</label>
          <select id="f-activity" required ?disabled=${!n.child} @change=${y=>$("activity",y.target.value)}>
            <option value="" ?selected=${!n.activity}>Choisir une activité</option>
            ${v.map(y=>u`<option value=${y.activity.id} ?selected=${y.activity.id===n.activity}>${y.activity.name}</option>`)}
          </select>
          ${g?u`<p class="muted">Inscription du ${z(v.find(y=>y.activity.id===n.activity)?.startDate)} au ${z(v.find(y=>y.activity.id===n.activity)?.endDate)}</p>`:""}
          <fieldset>
            <legend>3. Dates</legend>
            <div class="row">
              <span><label for="f-from">Du</label>
              <input id="f-from" type="date" required .value=${n.from} @change=${y=>$("from",y.target.value)} /></span>
              <span><label for="f-to">Au</label>
              <input id="f-to" type="date" required .value=${n.to} min=${n.from} @change=${y=>$("to",y.target.value)} /></span>
            </div>
            ${P?u`<fieldset class="weekdays"><legend>Jours (aucun coché : tous)</legend>
                  ${Ue.slice(0,5).map(([y,ie])=>u`<label class="check"><input type="checkbox" .checked=${n.weekdays.includes(y)} @change=${()=>$("weekdays",y)} /> ${ie}</label>`)}
                </fieldset>`:""}
          </fieldset>
          ${g&&g.slots.length>1?u`<label for="f-slot">Créneau</label>
                <select id="f-slot" @change=${y=>$("slot",y.target.value)}>
                  <option value="" ?selected=${!n.slot}>Tous les créneaux de l'activité</option>
                  ${g.slots.map(y=>u`<option value=${y.id} ?selected=${y.id===n.slot}>${oa(y.weekday)} ${H(y.startTime)} – ${H(y.endTime)}</option>`)}
                </select>`:""}
          <label for="f-text">${a==="absence"?"Motif (facultatif)":"Commentaire (facultatif)"}</label>
          <input id="f-text" type="text" maxlength="500" .value=${n.text} @change=${y=>$("text",y.target.value)} />
          <button type="submit" ?disabled=${!ue||r}>${r?"Patientez…":"Voir l'aperçu"}</button>
        </form>
        ${R()} ${_()}`,e)}return q(),X(),(async()=>{try{o=(await L($t,{})).viewer.family?.children??[],!n.child&&o.length===1&&(n.child=o[0].id)}catch(v){c=x(v)}q(),n.child&&n.activity&&n.from&&await i()})(),()=>{}}function At(e){const t=[e.typeLabel,e.activity?.name,e.child?.firstName].filter(Boolean).join(" — ");return e.periodStart&&e.periodEnd?e.periodStart===e.periodEnd?`${t} (${z(e.periodStart)})`:`${t} (du ${z(e.periodStart)} au ${z(e.periodEnd)})`:t}function la(e,t){const a=t.get("etat")??"";let s,n=0,o;const d=new Set;let b;async function c(){try{const{requests:l}=await L(gt,{where:a?{stateGroup:a}:null,order:"NEWEST_FIRST",first:50});s=l.edges.map(m=>m.node),n=l.totalCount,o=void 0}catch(l){o=x(l)}f()}async function r(){const l=(s??[]).filter(m=>m.unreadMessageCount>0).map(m=>m.id);if(l.length)try{await L(yt,{requests:l}),await c(),G("Messages marqués comme lus.")}catch(m){o=x(m),f()}}function f(){B(u`<h1>Mes demandes${s?` (${n} résultat${n>1?"s":""})`:""}</h1>
        <div class="toolbar">
          <label for="state-filter">État</label>
          <select id="state-filter" @change=${l=>K("/demandes",{etat:l.target.value})}>
            <option value="" ?selected=${!a}>Tous</option>
            <option value="IN_PROGRESS" ?selected=${a==="IN_PROGRESS"}>En cours</option>
            <option value="PROCESSED" ?selected=${a==="PROCESSED"}>Traité</option>
          </select>
          <button type="button" class="secondary" @click=${()=>{r()}}>Tout marquer comme lu</button>
        </div>
        ${j(o)}
        ${s?u`<div class="table-wrap"><table class="requests stack">
              <caption class="visually-hidden">Vos demandes, la plus récente d'abord</caption>
              <thead><tr><th scope="col">Réf.</th><th scope="col">Date</th><th scope="col">Description</th><th scope="col">Statut</th><th scope="col">Messages</th></tr></thead>
              <tbody>
                ${s.map(l=>u`<tr data-request=${l.id} class=${d.has(l.id)?"changed":""}>
                    <td data-label="Réf."><a href=${F("/demande",{id:l.id})}>${l.referenceLabel}</a></td>
                    <td data-label="Date">${Ce(l.createdAt)}</td>
                    <td data-label="Description">${At(l)}</td>
                    <td data-label="Statut" class="status" data-status=${l.status}>${l.statusLabel}</td>
                    <td data-label="Messages">${l.unreadMessageCount?u`<strong>${l.unreadMessageCount} nouveau(x) message(s)</strong>`:""}</td>
                  </tr>`)}
              </tbody>
            </table></div>`:Z()}`,e)}f(),X(),c();const h=Ee(vt,{after:null},l=>l.requestStatusChanged.cursor,({requestStatusChanged:l})=>{G(`Demande ${l.referenceLabel} : ${l.stepLabel} — ${l.statusLabel}`);const m=s?.find(i=>i.id===l.request?.id);m&&l.request&&(m.status=l.request.status,m.statusLabel=l.request.statusLabel,d.add(m.id),f()),window.clearTimeout(b),b=window.setTimeout(()=>{c()},500)},l=>{o=l,f()});return()=>{window.clearTimeout(b),h()}}function qt(e,t){const a=t.get("id")??"",s=bt(le());let n,o,d=!1,b=de();async function c(){try{const{node:m}=await L(xn,{id:a});!m||!("referenceLabel"in m)?o="Demande introuvable.":(n=m,n.unreadMessageCount>0&&await L(yt,{requests:[a]}))}catch(m){o=x(m)}h()}async function r(m){m.preventDefault();const i=m.target,p=String(new FormData(i).get("body")??"").trim();if(p){d=!0,h();try{const{requestMessagePost:$}=await L(_n,{input:{request:a,body:p,idempotencyKey:b}}),R=$.errors[0];R?o=R.message:(i.reset(),b=de(),G("Message envoyé."),await c())}catch($){o=x($)}d=!1,h()}}async function f(){d=!0,h();try{const m=(await L(Pn,{request:a})).requestCancel.errors[0];o=m?.message,m||G("Demande annulée."),await c()}catch(m){o=x(m)}d=!1,h()}function h(){if(!n){B(u`<h1>Demande</h1>${j(o)}${o?"":Z()}`,e);return}const m=n,i=m.status==="PENDING"||m.status==="TRANSMITTED";B(u`<h1>Demande ${m.referenceLabel}</h1>
        <p><a href=${F(s?"/agent/demandes":"/demandes")}>← ${s?"Demandes à traiter":"Mes demandes"}</a></p>
        ${j(o)}
        <section class="card">
          <dl class="facts">
            <dt>Type</dt><dd>${m.typeLabel}</dd>
            <dt>Statut</dt><dd class="status" data-status=${m.status}>${m.statusLabel}</dd>
            ${m.child?u`<dt>Enfant</dt><dd>${m.child.firstName} ${m.child.lastName}</dd>`:""}
            ${m.activity?u`<dt>Activité</dt><dd>${m.activity.name} (${m.activity.establishment.name})</dd>`:""}
            ${m.periodStart?u`<dt>Période</dt><dd>du ${z(m.periodStart)} au ${z(m.periodEnd)}</dd>`:""}
            ${m.reason?u`<dt>Raison</dt><dd>${m.reason}</dd>`:""}
            ${m.comment?u`<dt>Commentaire</dt><dd>${m.comment}</dd>`:""}
          </dl>
          ${i&&!s?u`<button type="button" class="secondary" ?disabled=${d} @click=${()=>{f()}}>Annuler la demande</button>`:""}
        </section>
        ${m.lines.length?u`<section class="card"><h2>Dates</h2><ul>
              ${m.lines.map(p=>u`<li>${Q(p.date)} — ${p.actionLabel} : <strong>${p.statusLabel}</strong>${p.message?` (${p.message})`:""}</li>`)}
            </ul></section>`:""}
        ${m.changes.length?u`<section class="card"><h2>Modifications demandées</h2><ul>
              ${m.changes.map(p=>u`<li>${p.label} : ${p.currentValue??"—"} → <mark>${p.proposedValue??"—"}</mark></li>`)}
            </ul></section>`:""}
        <section class="card"><h2>Historique de la demande</h2><ol class="history">
          ${m.history.map(p=>u`<li><time datetime=${p.at}>${Ce(p.at)}</time> — ${p.label}${p.label.includes(p.statusLabel)?"":u`<br />Statut : ${p.statusLabel}`}${p.note?u`<br />${p.note}`:""}</li>`)}
        </ol></section>
        <section class="card" aria-labelledby="messages-title"><h2 id="messages-title">Messages</h2>
          ${m.messages.length?u`<ol class="messages">
                ${m.messages.map(p=>u`<li class=${p.fromStaff?"from-staff":"from-family"}>
                  <p class="muted">${p.fromStaff?"La collectivité":"La famille"} — ${Ce(p.createdAt)}${p.subject?` — ${p.subject}`:""}</p>
                  <p class="message-body">${p.body}</p>
                </li>`)}
              </ol>`:u`<p class="muted">Aucun message.</p>`}
          <form @submit=${p=>{r(p)}}>
            <label for="message-body">Votre message</label>
            <textarea id="message-body" name="body" rows="3" maxlength="2000" required></textarea>
            <button type="submit" ?disabled=${d}>Envoyer</button>
          </form>
        </section>`,e)}return h(),X(),c(),Ee(vt,{after:null},m=>m.requestStatusChanged.cursor,({requestStatusChanged:m})=>{m.request?.id===a&&c()})}function ua(e){let t,a=0,s,n="";async function o(){try{const{invoices:r}=await L(kn,{first:50});t=r.edges.map(f=>f.node),a=r.totalCount}catch(r){s=x(r)}c()}async function d(r){try{await Kt(r.pdfUrl,`facture-${r.number}.pdf`)}catch(f){s=x(f),c()}}async function b(r){n=r.id,s=void 0,c();try{const{invoicePaymentStart:f}=await L(Mn,{invoice:r.id}),h=f.errors[0];if(h||!f.paymentUrl)s=h?.message??"Paiement impossible.";else{window.location.assign(f.paymentUrl);return}}catch(f){s=x(f)}n="",c()}function c(){B(u`<h1>Historique des factures${t?` (${a} résultat${a>1?"s":""})`:""}</h1>
        ${j(s)}
        ${t?t.length===0?u`<p>Aucune facture.</p>`:u`<div class="table-wrap"><table class="stack">
                <caption class="visually-hidden">Vos factures, la plus récente d'abord</caption>
                <thead><tr><th scope="col">Date</th><th scope="col">Numéro</th><th scope="col">Échéance</th><th scope="col">Émetteur</th><th scope="col">Montant</th><th scope="col">Reste à payer</th><th scope="col">Statut</th><th scope="col">Actions</th></tr></thead>
                <tbody>
                  ${t.map(r=>u`<tr>
                      <td data-label="Date">${z(r.issuedOn)}</td>
                      <td data-label="Numéro"><span>${r.number}<br /><span class="muted">${r.kindLabel}</span></span></td>
                      <td data-label="Échéance">${z(r.dueOn)}</td>
                      <td data-label="Émetteur">${r.issuer}</td>
                      <td data-label="Montant">${he(r.totalCents)}</td>
                      <td data-label="Reste à payer">${he(r.remainingCents)}</td>
                      <td data-label="Statut"><div>${r.statusLabel}
                        ${r.payments.length?u`<ul class="payments">${r.payments.map(f=>u`<li>${z(f.paidOn)} — ${f.methodLabel} n° ${f.operationNumber} : ${he(f.amountCents)}</li>`)}</ul>`:""}</div></td>
                      <td data-label="Actions" class="actions">
                        <button type="button" class="secondary" @click=${()=>{d(r)}} aria-label=${`PDF de la facture ${r.number}`}>PDF</button>
                        ${r.canPayOnline?u`<button type="button" ?disabled=${n===r.id} @click=${()=>{b(r)}} aria-label=${`Payer en ligne la facture ${r.number}`}>Payer en ligne</button>`:""}
                      </td>
                    </tr>`)}
                </tbody>
              </table></div>`:Z()}`,e)}return c(),X(),o(),()=>{}}function it(e){return e.length?u`<ul class="pending" aria-label="Modifications en attente de validation">
    ${e.map(t=>u`<li><mark>${t.label} : ${t.currentValue??"—"} → ${t.proposedValue??"—"} (en attente de validation)</mark></li>`)}
  </ul>`:""}function ma(e){let t,a,s,n=de();async function o(){try{t=(await L(On,{})).viewer.family}catch(c){a=x(c)}b()}async function d(c,r){c.preventDefault();const f=new FormData(c.target),h=String(f.get("mobilePhone")??"").trim();a=void 0,s=void 0;try{const{guardianChangeRequestCreate:l}=await L(Fn,{input:{guardian:r,changes:{mobilePhone:h},idempotencyKey:n}}),m=l.errors[0];if(m)a=m.message;else{n=de(),s="Demande de modification envoyée : elle s'affiche en jaune jusqu'à sa validation.",G(s),await o();return}}catch(l){a=x(l)}b()}function b(){if(t===void 0){B(u`<h1>Dossier famille</h1>${j(a)}${a?"":Z()}`,e);return}if(t===null){B(u`<h1>Dossier famille</h1><p>Aucun dossier famille n'est rattaché à ce compte.</p>`,e);return}const c=t;B(u`<h1>Dossier famille — ${c.name}</h1>
        ${j(a)} ${s?u`<p class="notice" role="status">${s}</p>`:""}
        <section class="card">
          <dl class="facts">
            <dt>Code abonné</dt><dd>${c.subscriberCode??"—"}</dd>
            <dt>Statut du dossier</dt><dd>${c.statusLabel}</dd>
            <dt>Prélèvement automatique</dt><dd>${c.directDebit?"oui":"non"}</dd>
          </dl>
        </section>
        ${c.pendingChanges.length?u`<section class="card"><h2>Modifications en attente</h2><ul>
              ${c.pendingChanges.map(r=>u`<li><mark>${r.subject?`${r.subject} — `:""}${r.label} : ${r.currentValue??"—"} → ${r.proposedValue??"—"}</mark>
                (<a href=${F("/demande",{id:r.request.id})}>demande ${r.request.referenceLabel}</a>, ${r.request.statusLabel})</li>`)}
            </ul></section>`:""}
        <h2>Responsables</h2>
        ${c.guardians.map(r=>u`<section class="card" aria-label=${`${r.firstName} ${r.lastName}`}>
            <h3>${r.firstName} ${r.lastName}${r.relationshipLabel?` (${r.relationshipLabel})`:""}</h3>
            <dl class="facts">
              <dt>E-mail</dt><dd>${r.email??"—"}</dd>
              <dt>Téléphone</dt><dd>${r.phone??"—"}</dd>
              <dt>Portable</dt><dd>${r.mobilePhone??"—"}</dd>
              <dt>Adresse</dt><dd>${[r.address.line1,r.address.postalCode,r.address.city].filter(Boolean).join(", ")||"—"}</dd>
              <dt>Payeur</dt><dd>${r.isPayer?"oui":"non"}</dd>
              <dt>Allocataire CAF / MSA</dt><dd>${r.isAllocataire?"oui":"non"}</dd>
            </dl>
            ${it(r.pendingChanges)}
            <form class="inline" @submit=${f=>{d(f,r.id)}}>
              <label for=${`mobile-${r.id}`}>Nouveau numéro de portable</label>
              <input id=${`mobile-${r.id}`} name="mobilePhone" type="tel" autocomplete="tel" required />
              <button type="submit" class="secondary">Demander la modification</button>
            </form>
          </section>`)}
        <h2>Enfants</h2>
        ${c.children.map(r=>u`<section class="card" aria-label=${`${r.firstName} ${r.lastName}`}>
            <h3>${r.firstName} ${r.lastName}</h3>
            <dl class="facts">
              <dt>Date de naissance</dt><dd>${z(r.birthDate)}</dd>
              <dt>Classe</dt><dd>${r.gradeLabel??"—"}</dd>
              <dt>École</dt><dd>${r.school?.name??"—"}</dd>
            </dl>
            ${it(r.pendingChanges)}
          </section>`)}`,e)}return b(),X(),o(),()=>{}}const pa=new Set(["PENDING","WAITING_LIST"]);function fa(e){let t,a=0,s,n,o="",d="",b;async function c(){try{const{requests:i}=await L(gt,{where:{stateGroup:"IN_PROGRESS"},order:"OLDEST_FIRST",first:50});t=i.edges.map(p=>p.node),a=i.totalCount}catch(i){s=x(i)}l()}async function r(i,p){d=p?.id??i.id,s=void 0,l();try{const $={request:i.id,lines:p?[p.id]:null},R=(await L(Vn,{input:$})).requestAccept.errors[0];R?s=R.message:(n=`Demande ${i.referenceLabel} : ${p?`${Q(p.date)} acceptée`:"acceptée"}.`,G(n)),await c()}catch($){s=x($)}d="",l()}async function f(i,p,$){i.preventDefault();const R=String(new FormData(i.target).get("message")??"").trim();d=$?.id??p.id,s=void 0,l();try{const _={request:p.id,lines:$?[$.id]:null,message:R},q=(await L(Un,{input:_})).requestRefuse.errors[0];q?s=q.message:(o="",n=`Demande ${p.referenceLabel} : ${$?`${Q($.date)} refusée`:"refusée"}.`,G(n)),await c()}catch(_){s=x(_)}d="",l()}function h(i,p,$){const R=p?.id??i.id;return u`<span class="decision">
      ${p&&p.status!=="PENDING"?"":u`<button type="button" ?disabled=${d===R} @click=${()=>{r(i,p)}} aria-label=${`Accepter ${$}`}>Accepter</button>`}
      <button type="button" class="secondary" ?disabled=${d===R} @click=${()=>{o=R,l(),e.querySelector(`#refuse-${CSS.escape(R)}`)?.focus()}} aria-label=${`Refuser ${$}`}>Refuser</button>
      ${o===R?u`<form class="inline" @submit=${_=>{f(_,i,p)}}>
            <label for=${`refuse-${R}`}>Motif du refus (envoyé à la famille)</label>
            <input id=${`refuse-${R}`} name="message" required maxlength="500" />
            <button type="submit">Confirmer le refus</button>
            <button type="button" class="link" @click=${()=>{o="",l()}}>Annuler</button>
          </form>`:""}
    </span>`}function l(){B(u`<h1>Demandes à traiter${t?` (${a})`:""}</h1>
        <p class="muted">Mise à jour en direct : les nouvelles demandes arrivent et les demandes traitées disparaissent sans recharger la page.</p>
        ${j(s)} ${n?u`<p class="notice">${n}</p>`:""}
        ${t?t.length===0?u`<p>Aucune demande en attente.</p>`:u`<ol class="inbox">
                ${t.map(i=>{const p=i.lines.filter($=>pa.has($.status));return u`<li class="card" data-request=${i.id}>
                    <h2><a href=${F("/agent/demande",{id:i.id})}>Demande ${i.referenceLabel}</a> — ${i.family?.name??""}</h2>
                    <p>${At(i)} · reçue le ${Ce(i.createdAt)} · <span class="status">${i.statusLabel}</span></p>
                    ${p.length?u`<ul class="lines">
                          ${p.map($=>u`<li data-line=${$.id}>
                            <span>${Q($.date)}${$.slot?` ${H($.slot.startTime)} – ${H($.slot.endTime)}`:""} — ${$.child?.firstName??""} — ${$.actionLabel} : ${$.statusLabel}</span>
                            ${h(i,$,`le ${Q($.date)} de la demande ${i.referenceLabel}`)}
                          </li>`)}
                        </ul>`:u`<div>${h(i,void 0,`la demande ${i.referenceLabel}`)}</div>`}
                  </li>`})}
              </ol>`:Z()}`,e)}l(),X(),c();const m=Ee(Bn,{after:null},i=>i.staffInbox.cursor,({staffInbox:i})=>{G(`Demande ${i.referenceLabel} : ${i.stepLabel}`),window.clearTimeout(b),b=window.setTimeout(()=>{c()},300)},i=>{s=i,l()});return()=>{window.clearTimeout(b),m()}}const ba=new Set(["RESERVED","PRESENT","ABSENT","ABSENT_BILLED"]);async function ha(){const e=[];let t=null;for(let a=0;a<50;a+=1){const n=(await L(jn,{after:t})).families;for(const o of n.edges)e.push(...o.node.children.map(d=>d.id));if(!n.pageInfo.hasNextPage)break;t=n.pageInfo.endCursor??null}return e}function $a(e,t){const a=t.get("date")??Ve(),s=t.get("activite")??"",n=t.get("creneau")??"";let o,d,b,c="";async function r(){try{if(o=(await L(Hn,{})).activities.edges.map(l=>l.node).filter(l=>l.isActive&&l.schoolYear.startDate<=a&&a<=l.schoolYear.endDate),s&&n){const l=await ha(),{planning:m}=await L(Gn,{date:a,children:l,activities:[s]});d=m.occurrences.filter(i=>i.slotId===n&&ba.has(i.status))}}catch(l){b=x(l)}h()}async function f(l,m){c=l.child.id,b=void 0,h();try{const i=(await L(zn,{input:{slot:n,date:a,marks:[{child:l.child.id,present:m}]}})).attendanceMark.errors[0];i?b=i.message:G(`${l.child.firstName} ${l.child.lastName} : ${m?"présent":"absent"}.`),await r()}catch(i){b=x(i)}c="",h()}function h(){const l=o?.find(i=>i.id===s),m=(l?.slots??[]).filter(i=>i.weekday===ra(a));B(u`<h1>Pointage du ${Q(a)}</h1>
        <form class="card toolbar" @submit=${i=>i.preventDefault()}>
          <span><label for="a-date">Date</label>
          <input id="a-date" type="date" .value=${a} @change=${i=>K("/agent/pointage",{date:i.target.value,activite:s})} /></span>
          <span><label for="a-activity">Activité</label>
          <select id="a-activity" @change=${i=>K("/agent/pointage",{date:a,activite:i.target.value})}>
            <option value="">Choisir une activité</option>
            ${(o??[]).map(i=>u`<option value=${i.id} ?selected=${i.id===s}>${i.name} — ${i.establishment.name}</option>`)}
          </select></span>
          ${l?u`<span><label for="a-slot">Créneau</label>
                <select id="a-slot" @change=${i=>K("/agent/pointage",{date:a,activite:s,creneau:i.target.value})}>
                  <option value="">${m.length?"Choisir un créneau":"Pas de créneau ce jour-là"}</option>
                  ${m.map(i=>u`<option value=${i.id} ?selected=${i.id===n}>${H(i.startTime)} – ${H(i.endTime)}</option>`)}
                </select></span>`:""}
        </form>
        ${j(b)}
        ${o?n?d?d.length===0?u`<p>Aucun enfant inscrit sur ce créneau ce jour-là.</p>`:u`<div class="table-wrap"><table>
                    <caption>${d.length} enfant(s) attendu(s)</caption>
                    <thead><tr><th scope="col">Enfant</th><th scope="col">Statut</th><th scope="col">Pointage</th></tr></thead>
                    <tbody>
                      ${d.map(i=>u`<tr>
                        <td>${i.child.lastName} ${i.child.firstName}</td>
                        <td>${i.statusLabel}</td>
                        <td class="actions">
                          <button type="button" class="secondary" ?disabled=${c===i.child.id} aria-pressed=${i.status==="PRESENT"?"true":"false"} @click=${()=>{f(i,!0)}} aria-label=${`${i.child.firstName} ${i.child.lastName} présent`}>Présent</button>
                          <button type="button" class="secondary" ?disabled=${c===i.child.id} aria-pressed=${i.status==="ABSENT"||i.status==="ABSENT_BILLED"?"true":"false"} @click=${()=>{f(i,!1)}} aria-label=${`${i.child.firstName} ${i.child.lastName} absent`}>Absent</button>
                        </td>
                      </tr>`)}
                    </tbody>
                  </table></div>`:Z():"":Z()}`,e)}return h(),X(),r(),()=>{}}const ga={"/planning":["Planning",da],"/reservation":["Réserver",(e,t)=>st(e,t,"reservation")],"/absence":["Absence",(e,t)=>st(e,t,"absence")],"/demandes":["Mes demandes",la],"/demande":["Demande",qt],"/factures":["Factures",ua],"/dossier":["Dossier famille",ma]},ya={"/agent/demandes":["Demandes à traiter",fa],"/agent/pointage":["Pointage",$a],"/agent/demande":["Demande",qt]},va=["/planning","/reservation","/absence","/demandes","/factures","/dossier"],wa=["/agent/demandes","/agent/pointage"],Ne=document.getElementById("app");let Se=()=>{},St="",De=0;async function rt(){try{const e=await L(Ln,{});St=e.collectivity.name,De=e.viewer.unreadMessageCount}catch{return}Dt()}function Dt(){const e=Ne.querySelector(".brand-name");e&&(e.textContent=St||Ht);const t=Ne.querySelector(".unread");t&&(t.textContent=De?` (${De} non lu${De>1?"s":""})`:"")}async function Aa(){try{await L(Rn,{})}catch{}Be(),K("/connexion")}function ot(e,t,a){const s=le();return B(u`<a class="skip" href="#contenu" @click=${qa}>Aller au contenu</a>
      <header class="top">
        <p class="brand">Espace famille <span class="muted">— <span class="brand-name"></span></span></p>
        ${s?u`<nav aria-label="Navigation principale">
              <ul>
                ${a.map(n=>u`<li>
                      <a href=${F(n)} aria-current=${n===e?"page":"false"}
                        >${t[n][0]}${n==="/demandes"?u`<span class="unread"></span>`:""}</a
                      >
                    </li>`)}
              </ul>
            </nav>
            <p class="who">
              ${s.name}
              <button type="button" class="link" @click=${()=>{Aa()}}>Se déconnecter</button>
            </p>`:""}
      </header>
      <main id="contenu" tabindex="-1"></main>
      <div id="live-region" class="visually-hidden" aria-live="polite" role="status"></div>`,Ne),Dt(),Ne.querySelector("main")}function qa(e){e.preventDefault(),document.getElementById("contenu")?.focus()}function Rt(){Se(),Se=()=>{};const{path:e,params:t}=Yn(),a=le(),s=bt(a);if(!a||e==="/connexion"||e==="/agent"){if(a&&e!=="/agent"){K(s?"/agent/demandes":"/planning");return}const b=ot(e,{},[]);rt(),document.title="Connexion — Espace famille",Se=Jn(b,e==="/agent");return}const n=s?ya:ga,o=n[e];if(!o){K(s?"/agent/demandes":"/planning");return}const d=ot(e,n,s?wa:va);document.title=`${o[0]} — Espace famille`,Se=o[1](d,t),rt()}window.addEventListener("hashchange",Rt);Rt();
